package io.shopanalytics.jobs.analytics.transform;

import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.at;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.id;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.item;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.order;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.product;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.products;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.user;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.users;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.validated;
import static io.shopanalytics.jobs.analytics.transform.RowValues.entry;
import static io.shopanalytics.jobs.analytics.transform.RowValues.fields;
import static io.shopanalytics.jobs.analytics.transform.RowValues.money;
import static io.shopanalytics.jobs.analytics.transform.RowValues.sortedBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.testing.SparkTestBase;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.jobs.analytics.transform.InMemoryShop.Order;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** customer_analytics rows computed from in-memory orders up to 2024-11-30, no server. */
class CustomerAnalyticsTransformTest extends SparkTestBase {
  private static final AsOf AS_OF = AsOf.of(LocalDate.of(2024, 11, 30));
  private static final String[] COLUMNS = {"user_id", "email", "customer_segment", "as_of", "lifetime_metrics",
    "behavior", "rfm_score"};

  @Test
  void lifetimeMetricsBehaviorAndScoresOfEachCustomer() {
    List<Order> orders = List.of(
        order(1, 100, "2024-01-15T23:30:00Z", "delivered",
            item(20, 1, "12.50").category("Books"), item(8, 2, "3.125")), // 12.50 + 6.25, Toys from the product
        order(2, 100, "2024-11-28T00:15:00Z", "returned", item(9, 3, "1.00")).payment("paypal"), // unknown
        order(3, 100, "2024-06-01T12:00:00Z", "shipped", item(21, 1, "5.00").category("Books")).payment("paypal"),
        order(4, 100, "2024-11-29T10:00:00Z", "pending", item(20, 1, "99.00")),
        order(5, 100, "2024-11-29T11:00:00Z", "cancelled", item(20, 1, "99.00")),
        order(6, 100, "2024-12-01T00:00:00Z", "delivered", item(20, 1, "99.00")), // after the as-of day
        order(7, 101, "2024-11-10T10:00:00Z", "delivered",
            item(30, 1, "10.00").category("Garden"), item(31, 1, "10.00").category("Audio")),
        order(8, 101, "2024-11-11T10:00:00Z", "delivered", item(32, 1, "10.00").category("Zoo"))
            .payment("bank_transfer"),
        order(9, 102, "2024-11-30T23:59:59.999Z", "processing", item(20, 1, "4.00").category("Books"))
            .payment("wallet"),
        order(10, 102, "2024-11-30T08:00:00Z", "delivered", item(20, 1, "4.00").category("Books")),
        order(11, 103, "2024-11-20T10:00:00Z", "pending", item(20, 1, "4.00")),
        order(12, 103, "2024-12-01T00:00:00Z", "delivered", item(20, 1, "4.00")));
    Dataset<Row> people = users(user(100, "ann@example.com"), user(102, "cy@example.com"),
        user(103, "dee@example.com"), user(104, "eve@example.com"));

    Dataset<Row> result = transform(orders, people);

    assertThat(result.schema().catalogString()).isEqualTo("struct<user_id:string,email:string,"
        + "customer_segment:string,as_of:timestamp,lifetime_metrics:struct<total_orders:bigint,"
        + "total_spent:decimal(38,2),average_order_value:decimal(38,2),first_order_date:timestamp,"
        + "last_order_date:timestamp,days_as_customer:int>,behavior:struct<favorite_categories:array<string>,"
        + "preferred_payment_method:string,average_items_per_order:double,return_rate:double>,"
        + "rfm_score:struct<recency:int,frequency:int,monetary:int,total:int>>");
    // 103 has no sale up to the as-of day, 104 no order at all: no row for either.
    // RFM over the 3 customers: nearest ranks ceil(k × 3 / 5) = 1, 2, 2, 3 of the sorted values.
    //   r = -days since the last sale: -2 (100), -19 (101), 0 (102); cuts -19, -2, -2, 0
    //   f = 3, 2, 2; cuts 2, 2, 2, 3.  m = 26.75, 30.00, 8.00; cuts 8.00, 26.75, 26.75, 30.00
    List<Row> rows = sortedBy(result, "user_id");
    assertThat(rows).hasSize(3);
    // 100: 18.75 + 3.00 + 5.00 = 26.75 in 3 orders; 2024-01-15 to 2024-11-28 is 318 calendar days
    // though less than 318 × 24 hours; Books 17.50 > Toys 6.25 > unknown 3.00; paypal has 2 orders
    // (8.00) against card's 1 (18.75); 3 + 3 + 1 = 7 items / 3; 1 returned / 3.
    assertThat(fields(rows.get(0), COLUMNS)).containsExactly(
        id(100), "ann@example.com", "loyal", at("2024-11-30T00:00:00Z"),
        entry(3L, money("26.75"), money("8.92"), at("2024-01-15T23:30:00Z"), at("2024-11-28T00:15:00Z"), 318),
        entry(List.of("Books", "Toys"), "paypal", 2.33, 0.33),
        entry(2, 4, 2, 8));
    // 101: gone from users; three categories at 10.00 each, the first two by name; card and
    // bank_transfer have one order each, card's is worth more; monetary 4 with recency 1 is at risk.
    assertThat(fields(rows.get(1), COLUMNS)).containsExactly(
        id(101), null, "at_risk", at("2024-11-30T00:00:00Z"),
        entry(2L, money("30.00"), money("15.00"), at("2024-11-10T10:00:00Z"), at("2024-11-11T10:00:00Z"), 1),
        entry(List.of("Audio", "Garden"), "card", 1.5, 0.0),
        entry(1, 1, 4, 6));
    // 102: the as-of day's last millisecond counts; card and wallet tie on orders and revenue, so by
    // name; recent but with 2 orders, so not new: regular.
    assertThat(fields(rows.get(2), COLUMNS)).containsExactly(
        id(102), "cy@example.com", "regular", at("2024-11-30T00:00:00Z"),
        entry(2L, money("8.00"), money("4.00"), at("2024-11-30T08:00:00Z"), at("2024-11-30T23:59:59.999Z"), 0),
        entry(List.of("Books"), "card", 1.0, 0.0),
        entry(4, 1, 1, 6));
  }

  @Test
  void nearestRankScoresWithTiesAndEverySegment() {
    // Six customers, n = 6: the cuts are the values at ranks ceil(k × 6 / 5) = 2, 3, 4, 5.
    List<Order> orders = new ArrayList<>();
    addOrders(orders, 1, 6, "20.00", "2024-11-30T23:59:59.999Z"); // r 0,   f 6, m 120.00
    addOrders(orders, 2, 5, "10.00", "2024-11-20T12:00:00Z"); //     r -10, f 5, m  50.00
    addOrders(orders, 3, 1, "20.00", "2024-11-30T00:00:00Z"); //     r 0,   f 1, m  20.00
    addOrders(orders, 4, 4, "7.50", "2024-10-21T12:00:00Z"); //      r -40, f 4, m  30.00
    addOrders(orders, 5, 2, "5.00", "2024-10-21T12:00:00Z"); //      r -40, f 2, m  10.00
    addOrders(orders, 6, 3, "10.00", "2024-11-25T12:00:00Z"); //     r -5,  f 3, m  30.00
    // r sorted -40 -40 -10 -5 0 0: cuts -40, -10, -5, 0; the two at -40 score 1, the two at 0 score 4
    // f sorted 1 2 3 4 5 6: cuts 2, 3, 4, 5
    // m sorted 10 20 30 30 50 120: cuts 20, 30, 30, 50; the two at 30 score 2
    List<List<Object>> scored = sortedBy(transform(orders, users()), "user_id").stream()
        .map(row -> fields(row, "user_id", "customer_segment", "rfm_score"))
        .toList();

    assertThat(scored).containsExactly(
        entry(id(1), "high_value", entry(4, 5, 5, 14)),
        entry(id(2), "loyal", entry(2, 4, 4, 10)),
        entry(id(3), "new", entry(4, 1, 1, 6)),
        entry(id(4), "at_risk", entry(1, 3, 2, 6)), // recency 1 with frequency 3
        entry(id(5), "hibernating", entry(1, 1, 1, 3)),
        entry(id(6), "regular", entry(3, 2, 2, 7)));
  }

  /** {@code count} delivered orders of {@code user}, one per day, the last at {@code lastInstant}. */
  private static void addOrders(List<Order> orders, long user, int count, String price, String lastInstant) {
    for (int i = 0; i < count; i++) {
      String createdAt = Instant.parse(lastInstant).minus(Duration.ofDays(i)).toString();
      orders.add(order(orders.size() + 1, user, createdAt, "delivered", item(20, 1, price)));
    }
  }

  private static Dataset<Row> transform(List<Order> orders, Dataset<Row> people) {
    return InMemoryShop.aggregation(validated(orders.toArray(Order[]::new)),
        products(product(8, "KITE-8", "Kite", "Toys")), people, List.of(), AS_OF).customerAnalytics();
  }
}
