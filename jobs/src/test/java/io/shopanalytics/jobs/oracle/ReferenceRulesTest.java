package io.shopanalytics.jobs.oracle;

import static io.shopanalytics.jobs.testdata.TestOrders.date;
import static io.shopanalytics.jobs.testdata.TestOrders.dec;
import static io.shopanalytics.jobs.testdata.TestOrders.item;
import static io.shopanalytics.jobs.testdata.TestOrders.oid;
import static io.shopanalytics.jobs.testdata.TestOrders.order;
import static io.shopanalytics.jobs.testdata.TestOrders.product;
import static io.shopanalytics.jobs.testdata.TestOrders.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.testdata.TestOrders;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** One rule of docs/CONTRACT.md per test. */
class ReferenceRulesTest {
  static final Period NOVEMBER = Period.of(2024, 11);
  static final Period DECEMBER = Period.of(2024, 12);
  static final AsOf END_OF_NOVEMBER = AsOf.of(LocalDate.of(2024, 11, 30));
  static final ObjectId P = oid(0x99);

  static Document sale(long id, long user, String at) {
    return order(oid(id), oid(user), at, "delivered").item(item(P, 1, 1)).build();
  }

  static ReferenceResult november(List<Document> orders, List<Document> products, List<Document> users) {
    return ReferenceAnalytics.compute(orders, products, users, List.of(NOVEMBER), END_OF_NOVEMBER);
  }

  static Document onlySales(ReferenceResult result) {
    assertThat(result.salesAnalytics()).hasSize(1);
    return result.salesAnalytics().get(0);
  }

  @Test
  void periodAndAsOfBoundaries() {
    List<Document> orders = List.of(
        sale(1, 7, "2024-10-31T23:59:59.999Z"),
        sale(2, 7, "2024-11-01T00:00:00.000Z"),
        sale(3, 7, "2024-11-30T23:59:59.999Z"),
        sale(4, 7, "2024-12-01T00:00:00.000Z"),
        sale(5, 7, "2024-12-31T23:59:59.999Z"),
        sale(6, 7, "2025-01-01T00:00:00.000Z"));
    ReferenceResult result = ReferenceAnalytics.compute(
        orders, List.of(), List.of(), List.of(DECEMBER, NOVEMBER), END_OF_NOVEMBER);

    assertThat(result.salesAnalytics()).extracting(
            s -> s.get("period"), s -> s.get("period_end"), s -> s.get("totals", Document.class).get("total_orders"))
        .containsExactly(
            tuple("2024-11", date("2024-11-30T23:59:59Z"), 2L),
            tuple("2024-12", date("2024-12-31T23:59:59Z"), 2L));
    assertThat(result.salesAnalytics().get(0).getList("daily_trend", Document.class))
        .extracting(d -> d.get("date")).containsExactly("2024-11-01", "2024-11-30");
    Document lifetime = result.customerAnalytics().get(0).get("lifetime_metrics", Document.class);
    assertThat(lifetime.get("total_orders")).as("orders 1, 2, 3; 4 is the next day").isEqualTo(3L);
    assertThat(lifetime.get("first_order_date")).isEqualTo(date("2024-10-31T23:59:59.999Z"));
    assertThat(lifetime.get("last_order_date")).isEqualTo(date("2024-11-30T23:59:59.999Z"));
    assertThat(result.ordersRead()).as("all but the 2025 order").isEqualTo(5);
    assertThat(result.salesCounted()).isEqualTo(5);
    assertThat(result.productAnalytics()).extracting(d -> d.get("period")).containsExactly("2024-11", "2024-12");
  }

  @Test
  void daysAsCustomerCountsUtcCalendarDates() {
    AsOf asOf = AsOf.of(LocalDate.of(2024, 11, 30));
    List<Document> orders = List.of(
        sale(1, 1, "2024-01-15T10:00:00Z"), sale(2, 1, "2024-11-28T09:45:00Z"), // the design's example
        sale(3, 2, "2024-11-01T23:59:59.999Z"), sale(4, 2, "2024-11-02T00:00:00Z"), // one millisecond apart
        sale(5, 3, "2024-11-03T00:00:00Z"), sale(6, 3, "2024-11-03T23:59:59.999Z")); // same day
    List<Document> customers = ReferenceAnalytics.compute(orders, List.of(), List.of(), List.of(), asOf)
        .customerAnalytics();
    assertThat(customers).extracting(c -> c.get("lifetime_metrics", Document.class).get("days_as_customer"))
        .containsExactly(318, 1, 0);
  }

  @Test
  void categoryOfAnItem() {
    List<Document> products = List.of(
        product(oid(1), "S1", "N1", "Home"),
        product(oid(2), "S2", "N2", null), // no category
        product(oid(3), "S3", "N3", "")); // empty category
    ObjectId deleted = oid(4);
    Document order = order(oid(10), oid(20), "2024-11-05T10:00:00Z", "delivered")
        .item(item(oid(1), 1, 1).category("Clearance")) // the item's own category wins
        .item(item(oid(1), 1, 2).category("")) // empty: the product's
        .item(item(oid(1), 1, 4)) // none: the product's
        .item(item(oid(2), 1, 8)) // product without category: unknown
        .item(item(oid(3), 1, 16)) // product with an empty category: unknown
        .item(item(deleted, 1, 32).category("Toys")) // deleted product, own category
        .item(item(deleted, 1, 64)) // deleted product, none: unknown
        .item(item(oid(1), 1, 128).category(" ")) // a blank is a non-empty string
        .build();
    List<Document> byCategory = onlySales(november(List.of(order), products, List.of()))
        .getList("by_category", Document.class);
    assertThat(byCategory).extracting(c -> c.get("category"), c -> c.get("revenue"), c -> c.get("orders"))
        .containsExactly(
            tuple(" ", dec("128.00"), 1L),
            tuple("unknown", dec("88.00"), 1L),
            tuple("Toys", dec("32.00"), 1L),
            tuple("Home", dec("6.00"), 1L),
            tuple("Clearance", dec("1.00"), 1L));
  }

  @Test
  void paymentMethodUnknownShapes() {
    List<Document> orders = new ArrayList<>();
    orders.add(order(oid(1), oid(9), "2024-11-05T10:00:00Z", "delivered").item(item(P, 1, 1)).build());
    orders.add(order(oid(2), oid(9), "2024-11-05T10:00:00Z", "delivered").set("payment", new Document())
        .item(item(P, 1, 1)).build());
    orders.add(order(oid(3), oid(9), "2024-11-05T10:00:00Z", "delivered").payment("").item(item(P, 1, 1)).build());
    orders.add(order(oid(4), oid(9), "2024-11-05T10:00:00Z", "delivered").payment(42).item(item(P, 1, 1)).build());
    orders.add(order(oid(5), oid(9), "2024-11-05T10:00:00Z", "delivered").payment(null).item(item(P, 1, 1)).build());
    orders.add(order(oid(6), oid(9), "2024-11-05T10:00:00Z", "delivered").set("payment", "card")
        .item(item(P, 1, 1)).build());
    orders.add(order(oid(7), oid(9), "2024-11-05T10:00:00Z", "delivered").payment("unknown")
        .item(item(P, 1, 1)).build());
    orders.add(order(oid(8), oid(9), "2024-11-05T10:00:00Z", "delivered").payment("paypal")
        .item(item(P, 1, 3)).build());
    List<Document> byMethod = onlySales(november(orders, List.of(), List.of()))
        .getList("by_payment_method", Document.class);
    assertThat(byMethod).containsExactly(
        new Document("method", "unknown").append("orders", 7L).append("revenue", dec("7.00")).append("percentage", 70.0),
        new Document("method", "paypal").append("orders", 1L).append("revenue", dec("3.00")).append("percentage", 30.0));
  }

  @Test
  void skuAndNameOfADeletedProductComeFromItsLatestLineInThePeriod() {
    ObjectId gone = oid(0x77);
    List<Document> orders = List.of(
        // November: two orders at the same instant; the greater _id (0x22) is the latest
        order(oid(0x22), oid(1), "2024-11-20T08:00:00Z", "delivered").item(item(gone, 1, 1).sku("B").name("Bee"))
            .build(),
        order(oid(0x21), oid(1), "2024-11-20T08:00:00Z", "delivered").item(item(gone, 1, 1).sku("A").name("Ay"))
            .build(),
        order(oid(0x30), oid(1), "2024-11-02T08:00:00Z", "delivered").item(item(gone, 1, 1).sku("OLD")).build(),
        // November, a pending order later still: not a sale line
        order(oid(0x40), oid(1), "2024-11-29T08:00:00Z", "pending").item(item(gone, 1, 1).sku("P")).build(),
        // December: a later time beats a greater _id; within the order the first line is taken
        order(oid(0x10), oid(1), "2024-12-09T08:00:00Z", "delivered")
            .item(item(gone, 1, 1).sku("C").name("")).item(item(gone, 1, 1).sku("C2").name("Cee2")).build(),
        order(oid(0x50), oid(1), "2024-12-08T08:00:00Z", "delivered").item(item(gone, 1, 1).sku("D").name("Dee"))
            .build());
    ReferenceResult result = ReferenceAnalytics.compute(
        orders, List.of(), List.of(), List.of(NOVEMBER, DECEMBER), END_OF_NOVEMBER);
    assertThat(result.productAnalytics()).extracting(d -> d.get("period"), d -> d.get("sku"), d -> d.get("name"))
        .containsExactly(tuple("2024-11", "B", "Bee"), tuple("2024-12", "C", null));
    assertThat(result.salesAnalytics()).extracting(
            s -> s.getList("top_products", Document.class).get(0).get("sku"),
            s -> s.getList("top_products", Document.class).get(0).get("name"))
        .containsExactly(tuple("B", "Bee"), tuple("C", null));
  }

  @Test
  void skuAndNameOfAnExistingProductComeFromProductsOnly() {
    List<Document> products = List.of(
        product(oid(1), null, "", "Home"), // no sku, empty name: both null, items ignored
        product(oid(2), "NEW-SKU", "New name", "Home"));
    Document order = order(oid(10), oid(20), "2024-11-05T10:00:00Z", "delivered")
        .item(item(oid(1), 1, 1).sku("ITEM-SKU").name("Item name"))
        .item(item(oid(2), 1, 1).sku("OLD-SKU").name("Old name"))
        .build();
    ReferenceResult result = november(List.of(order), products, List.of());
    assertThat(result.productAnalytics()).extracting(d -> d.get("sku"), d -> d.get("name"))
        .containsExactly(tuple(null, null), tuple("NEW-SKU", "New name"));
  }

  @Test
  void topCustomersRankByStoredSpendThenUserIdHex() {
    List<Document> orders = new ArrayList<>();
    for (int user = 1; user <= 11; user++) {
      orders.add(order(oid(100 + user), oid(user), "2024-11-05T10:00:00Z", "delivered")
          .item(item(P, 1, dec("10.00"))).build());
    }
    // 10.004 is stored 10.00: it ties with the others and loses on its id; 10.006 is stored 10.01.
    orders.add(order(oid(112), oid(12), "2024-11-05T10:00:00Z", "delivered").item(item(P, 1, dec("10.004"))).build());
    orders.add(order(oid(113), oid(0xff), "2024-11-05T10:00:00Z", "delivered").item(item(P, 1, dec("10.006"))).build());
    Document product = november(orders, List.of(), List.of()).productAnalytics().get(0);
    assertThat(product.getList("top_customers", Document.class)).extracting(c -> c.get("user_id"))
        .containsExactly(oid(0xff), oid(1), oid(2), oid(3), oid(4), oid(5), oid(6), oid(7), oid(8), oid(9));
    assertThat(product.get("metrics", Document.class).get("unique_customers")).isEqualTo(13L);
  }

  @Test
  void topProductsKeepTheFirstHundred() {
    TestOrders.OrderBuilder order = order(oid(1), oid(2), "2024-11-05T10:00:00Z", "delivered");
    for (int p = 0; p < 101; p++) {
      order.item(item(oid(1000 + p), 1, 1));
    }
    order.item(item(oid(5000), 1, 2));
    ReferenceResult result = november(List.of(order.build()), List.of(), List.of());
    List<Document> top = onlySales(result).getList("top_products", Document.class);
    assertThat(top).hasSize(100);
    assertThat(top.get(0).get("product_id")).isEqualTo(oid(5000));
    assertThat(top.get(1).get("product_id")).isEqualTo(oid(1000));
    assertThat(top.get(99).get("product_id")).as("1099 and 1100 tie and lose on id").isEqualTo(oid(1098));
    assertThat(result.productAnalytics()).hasSize(102);
  }

  @Test
  void categoryAndMethodTiesByName() {
    List<Document> orders = List.of(
        order(oid(1), oid(9), "2024-11-05T10:00:00Z", "delivered").payment("paypal")
            .item(item(P, 1, 5).category("b")).build(),
        order(oid(2), oid(9), "2024-11-05T10:00:00Z", "delivered").payment("apple_pay")
            .item(item(P, 1, 5).category("a")).build(),
        order(oid(3), oid(9), "2024-11-05T10:00:00Z", "delivered").payment("Zelle")
            .item(item(P, 1, 5).category("B")).build());
    Document sales = onlySales(november(orders, List.of(), List.of()));
    assertThat(sales.getList("by_category", Document.class)).extracting(c -> c.get("category"))
        .as("String order: upper case before lower case").containsExactly("B", "a", "b");
    assertThat(sales.getList("by_payment_method", Document.class)).extracting(c -> c.get("method"))
        .containsExactly("Zelle", "apple_pay", "paypal");
  }

  @Test
  void anOrderIsCountedOnceWhateverItsLines() {
    Document order = order(oid(1), oid(9), "2024-11-05T10:00:00Z", "shipped")
        .item(item(P, 1, 1).category("X"))
        .item(item(P, 2, 1).category("X"))
        .item(item(P, 1, 1).category("Y"))
        .build();
    ReferenceResult result = november(List.of(order), List.of(), List.of());
    Document product = result.productAnalytics().get(0);
    assertThat(product.get("metrics", Document.class).get("total_orders")).isEqualTo(1L);
    assertThat(product.get("metrics", Document.class).get("total_quantity_sold")).isEqualTo(4L);
    assertThat(product.getList("daily_breakdown", Document.class).get(0))
        .isEqualTo(new Document("date", "2024-11-05").append("orders", 1L).append("quantity", 4L)
            .append("revenue", dec("4.00")));
    assertThat(product.getList("top_customers", Document.class).get(0).get("order_count")).isEqualTo(1L);
    Document sales = onlySales(result);
    assertThat(sales.getList("by_category", Document.class)).extracting(c -> c.get("category"), c -> c.get("orders"))
        .containsExactly(tuple("X", 1L), tuple("Y", 1L));
    assertThat(sales.get("totals", Document.class).get("total_orders")).isEqualTo(1L);
    assertThat(sales.getList("top_products", Document.class).get(0).get("quantity_sold")).isEqualTo(4L);
  }

  @Test
  void favoriteCategoriesByStoredSpendThenName() {
    List<Document> orders = List.of(
        // user 1: Home 5, Books 5, Toys 1 -> Books, Home
        order(oid(1), oid(1), "2024-11-05T10:00:00Z", "delivered")
            .item(item(P, 1, 5).category("Home")).item(item(P, 1, 5).category("Books"))
            .item(item(P, 1, 1).category("Toys")).build(),
        // user 2: a single category
        order(oid(2), oid(2), "2024-11-05T10:00:00Z", "delivered").item(item(P, 1, 5).category("Home")).build(),
        // user 3: Y 1, Z 0 (bought for free): Z still counts as a category bought
        order(oid(3), oid(3), "2024-11-05T10:00:00Z", "delivered")
            .item(item(P, 1, 0).category("Z")).item(item(P, 1, 1).category("Y")).build(),
        // user 4: 0.004 and 0.001 are both stored 0.00: the name decides
        order(oid(4), oid(4), "2024-11-05T10:00:00Z", "delivered")
            .item(item(P, 1, dec("0.001")).category("Q")).item(item(P, 1, dec("0.004")).category("R"))
            .item(item(P, 1, dec("0.003")).category("S")).build());
    assertThat(november(orders, List.of(), List.of()).customerAnalytics())
        .extracting(c -> c.get("behavior", Document.class).get("favorite_categories"))
        .containsExactly(List.of("Books", "Home"), List.of("Home"), List.of("Y", "Z"), List.of("Q", "R"));
  }

  @Test
  void preferredPaymentMethodByOrdersThenStoredRevenueThenName() {
    List<Document> orders = List.of(
        // user 1: two cheap paypal orders beat one expensive card order
        order(oid(1), oid(1), "2024-11-05T10:00:00Z", "delivered").payment("paypal").item(item(P, 1, 1)).build(),
        order(oid(2), oid(1), "2024-11-06T10:00:00Z", "delivered").payment("paypal").item(item(P, 1, 1)).build(),
        order(oid(3), oid(1), "2024-11-07T10:00:00Z", "delivered").payment("card").item(item(P, 1, 100)).build(),
        // user 2: one order each, 10.004 and 10.001 both stored 10.00: the name decides
        order(oid(4), oid(2), "2024-11-05T10:00:00Z", "delivered").payment("credit_card")
            .item(item(P, 1, dec("10.004"))).build(),
        order(oid(5), oid(2), "2024-11-06T10:00:00Z", "delivered").payment("debit_card")
            .item(item(P, 1, dec("10.001"))).build(),
        // user 3: one order each, the higher revenue wins
        order(oid(6), oid(3), "2024-11-05T10:00:00Z", "delivered").payment("apple_pay").item(item(P, 1, 3)).build(),
        order(oid(7), oid(3), "2024-11-06T10:00:00Z", "delivered").item(item(P, 1, 4)).build());
    assertThat(november(orders, List.of(), List.of()).customerAnalytics())
        .extracting(c -> c.get("behavior", Document.class).get("preferred_payment_method"))
        .containsExactly("paypal", "credit_card", "unknown");
  }

  @Test
  void emailFromUsers() {
    List<Document> users = List.of(user(oid(1), "a@x.io"), new Document("_id", oid(2)).append("email", 7),
        user(oid(3), ""), user(oid(4), null));
    List<Document> orders = List.of(sale(11, 1, "2024-11-05T10:00:00Z"), sale(12, 2, "2024-11-05T10:00:00Z"),
        sale(13, 3, "2024-11-05T10:00:00Z"), sale(14, 4, "2024-11-05T10:00:00Z"), sale(15, 5, "2024-11-05T10:00:00Z"));
    assertThat(november(orders, List.of(), users).customerAnalytics()).extracting(c -> c.get("email"))
        .containsExactly("a@x.io", null, "", null, null);
  }

  @Test
  void onlySalesUpToAsOfMakeACustomer() {
    List<Document> orders = List.of(
        order(oid(1), oid(1), "2024-11-05T10:00:00Z", "pending").item(item(P, 1, 1)).build(),
        order(oid(2), oid(1), "2024-11-06T10:00:00Z", "cancelled").item(item(P, 1, 1)).build(),
        sale(3, 2, "2024-12-05T10:00:00Z"), // after as_of, in December
        sale(4, 3, "2024-11-05T10:00:00Z"));
    ReferenceResult result = ReferenceAnalytics.compute(
        orders, List.of(), List.of(), List.of(NOVEMBER, DECEMBER), END_OF_NOVEMBER);
    assertThat(result.customerAnalytics()).extracting(c -> c.get("user_id")).containsExactly(oid(3));
    assertThat(result.salesAnalytics()).extracting(s -> s.get("period")).containsExactly("2024-11", "2024-12");
  }

  @Test
  void aPeriodWithoutSalesHasNoDocuments() {
    List<Document> orders = List.of(
        order(oid(1), oid(1), "2024-11-05T10:00:00Z", "pending").item(item(P, 1, 1)).build());
    ReferenceResult result = november(orders, List.of(), List.of());
    assertThat(result.salesAnalytics()).isEmpty();
    assertThat(result.productAnalytics()).isEmpty();
    assertThat(result.customerAnalytics()).isEmpty();
    assertThat(result.ordersRead()).isEqualTo(1);
  }

  @Test
  void productDocumentsByProductIdThenPeriod() {
    List<Document> orders = List.of(
        order(oid(1), oid(1), "2024-12-05T10:00:00Z", "delivered").item(item(oid(0xb), 1, 1)).item(item(oid(0xa), 1, 1))
            .build(),
        order(oid(2), oid(1), "2024-11-05T10:00:00Z", "delivered").item(item(oid(0xb), 1, 1)).build());
    ReferenceResult result = ReferenceAnalytics.compute(
        orders, List.of(), List.of(), List.of(DECEMBER, NOVEMBER), END_OF_NOVEMBER);
    assertThat(result.productAnalytics()).extracting(d -> d.get("product_id"), d -> d.get("period"))
        .containsExactly(tuple(oid(0xa), "2024-12"), tuple(oid(0xb), "2024-11"), tuple(oid(0xb), "2024-12"));
  }
}
