package io.shopanalytics.jobs.analytics.transform;

import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run computes from its orders: the months of product and sales analytics, the as-of day
 * of customer analytics (docs/CONTRACT.md, 5. Time and periods), which of the three outputs are
 * wanted, and whether the orders not yet processed are kept for incremental marking.
 */
public final class AnalyticsScope implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, Integer> periodIndex = new HashMap<>();
  private final List<String> periodIds;
  private final Long asOfEndMillis;
  private final long asOfEpochDay;
  private final boolean products;
  private final boolean sales;
  private final boolean customers;
  private final boolean unprocessed;

  private AnalyticsScope(List<Period> periods, AsOf asOf, boolean products, boolean sales, boolean customers,
      boolean unprocessed) {
    this.periodIds = periods.stream().map(Period::id).toList();
    for (int i = 0; i < periodIds.size(); i++) {
      periodIndex.put(periodIds.get(i), i);
    }
    this.asOfEndMillis = asOf == null ? null : asOf.endExclusive().toEpochMilli();
    this.asOfEpochDay = asOf == null ? 0 : asOf.date().toEpochDay();
    this.products = products;
    this.sales = sales;
    this.customers = customers && asOf != null;
    this.unprocessed = unprocessed;
  }

  /**
   * @param asOf the as-of day of customer analytics; null when they are not computed
   * @param unprocessed whether orders not yet processed are kept for marking them (incremental runs)
   */
  public static AnalyticsScope of(List<Period> periods, AsOf asOf, boolean products, boolean sales, boolean customers,
      boolean unprocessed) {
    return new AnalyticsScope(List.copyOf(periods), asOf, products, sales, customers, unprocessed);
  }

  /** The index of a month among the run's months, or -1 when the run does not compute it. */
  public int periodIndex(String periodId) {
    Integer index = periodId == null ? null : periodIndex.get(periodId);
    return index == null ? -1 : index;
  }

  public List<String> periodIds() {
    return periodIds;
  }

  /** Whether a sale created at {@code createdAtMillis} counts for customer analytics (up to the as-of day). */
  public boolean forCustomers(long createdAtMillis) {
    return customers && createdAtMillis < asOfEndMillis;
  }

  /** The as-of day as an epoch day (recency counts days up to it). */
  public long asOfEpochDay() {
    return asOfEpochDay;
  }

  public boolean products() {
    return products;
  }

  public boolean sales() {
    return sales;
  }

  public boolean customers() {
    return customers;
  }

  /** Whether the product side runs: product analytics, or sales analytics' top products. */
  public boolean productSide() {
    return products || sales;
  }

  public boolean unprocessed() {
    return unprocessed;
  }
}
