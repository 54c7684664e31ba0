/**
 * Shop data for the jobs' tests: order, product and user documents built one by one
 * ({@code TestOrders}), a small shop with its outputs computed by hand ({@code HandComputedShop}),
 * seeded random shops ({@code RandomShopData}) and orders broken on purpose ({@code MalformedOrders}).
 * Where a generator does not spell out the expected results itself, they come from
 * {@link io.shopanalytics.jobs.oracle}.
 */
package io.shopanalytics.jobs.testdata;
