package io.shopanalytics.jobs.analytics.transform;

import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.at;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.id;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.item;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.order;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.product;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.products;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.validated;
import static io.shopanalytics.jobs.analytics.transform.RowValues.entry;
import static io.shopanalytics.jobs.analytics.transform.RowValues.field;
import static io.shopanalytics.jobs.analytics.transform.RowValues.fields;
import static io.shopanalytics.jobs.analytics.transform.RowValues.money;
import static io.shopanalytics.jobs.analytics.transform.RowValues.sortedBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.testing.SparkTestBase;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.analytics.transform.InMemoryShop.Order;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** product_analytics rows computed from in-memory orders of November 2024, no server. */
class ProductAnalyticsTransformTest extends SparkTestBase {
  private static final long LAMP = 7;
  private static final long MUG = 8;
  private static final String[] COLUMNS = {"product_id", "period", "period_start", "period_end", "sku", "name",
    "metrics", "daily_breakdown", "top_customers", "last_sold_at"};

  @Test
  void oneRowPerProductWithSalesInTheMonth() {
    Dataset<Row> result = transform(
        order(1, 100, "2024-11-03T10:00:00Z", "delivered", item(LAMP, 2, "10.005"), item(MUG, 1, "5.00")),
        order(2, 101, "2024-11-03T18:00:00Z", "returned", item(LAMP, 1, "10.005")),
        // the lamp on two lines of one order: one order, quantities and revenues added
        order(3, 100, "2024-11-20T09:00:00Z", "shipped", item(LAMP, 1, "10.005"), item(LAMP, 3, "1.00")),
        order(4, 102, "2024-11-21T09:00:00Z", "pending", item(LAMP, 5, "100.00")),
        order(5, 102, "2024-11-22T09:00:00Z", "cancelled", item(LAMP, 5, "100.00")),
        order(6, 102, "2024-12-01T00:00:00Z", "delivered", item(LAMP, 1, "1.00")),
        order(7, 102, "2024-11-30T23:59:59.999Z", "processing", item(LAMP, 1, "0.005")));

    assertThat(result.schema().catalogString()).isEqualTo("struct<product_id:string,period:string,"
        + "period_start:timestamp,period_end:timestamp,sku:string,name:string,"
        + "metrics:struct<total_orders:bigint,total_quantity_sold:bigint,total_revenue:decimal(38,2),"
        + "average_order_value:decimal(38,2),unique_customers:bigint>,"
        + "daily_breakdown:array<struct<date:string,orders:bigint,quantity:bigint,revenue:decimal(38,2)>>,"
        + "top_customers:array<struct<user_id:string,total_spent:decimal(38,2),order_count:bigint>>,"
        + "last_sold_at:timestamp>");
    List<Row> rows = sortedBy(result, "product_id");
    assertThat(rows).hasSize(2);
    // Lamp: orders 1, 2, 3, 7 (4 pending, 5 cancelled, 6 is December); quantity 2 + 1 + (1 + 3) + 1 = 8;
    // revenue 20.010 + 10.005 + 13.005 + 0.005 = 43.025, half-even 43.02; average 43.025 / 4 = 10.75625.
    assertThat(fields(rows.get(0), COLUMNS)).containsExactly(
        id(LAMP), "2024-11", at("2024-11-01T00:00:00Z"), at("2024-11-30T23:59:59Z"), "LAMP-7", "Desk lamp",
        entry(4L, 8L, money("43.02"), money("10.76"), 3L),
        List.of(
            entry("2024-11-03", 2L, 3L, money("30.02")), // 20.010 + 10.005 = 30.015
            entry("2024-11-20", 1L, 4L, money("13.00")), // 13.005, half-even down
            entry("2024-11-30", 1L, 1L, money("0.00"))), // 0.005, the month's last millisecond
        List.of(
            entry(id(100), money("33.02"), 2L), // 20.010 + 13.005 = 33.015
            entry(id(101), money("10.00"), 1L), // 10.005
            entry(id(102), money("0.00"), 1L)),
        at("2024-11-30T23:59:59.999Z"));
    assertThat(fields(rows.get(1), COLUMNS)).containsExactly(
        id(MUG), "2024-11", at("2024-11-01T00:00:00Z"), at("2024-11-30T23:59:59Z"), "MUG-8", "Mug",
        entry(1L, 1L, money("5.00"), money("5.00"), 1L),
        List.of(entry("2024-11-03", 1L, 1L, money("5.00"))),
        List.of(entry(id(100), money("5.00"), 1L)),
        at("2024-11-03T10:00:00Z"));
  }

  @Test
  void topTenCustomersByStoredSpendThenUserId() {
    // given in no particular order; one lamp per order
    List<Order> orders = new ArrayList<>();
    String[][] spends = {{"b", "30.00"}, {"3", "30.00"}, {"5", "12.50"}, {"5", "12.50"}, {"b1", "10.004"},
      {"a2", "10.001"}, {"7", "20.00"}, {"1", "19.99"}, {"2", "18.00"}, {"4", "17.00"}, {"6", "16.00"}, {"8", "9.99"}};
    for (int i = 0; i < spends.length; i++) {
      orders.add(order(i + 1, Long.parseLong(spends[i][0], 16), "2024-11-10T12:00:00Z", "delivered",
          item(LAMP, 1, spends[i][1])));
    }

    Row lamp = transform(orders.toArray(Order[]::new)).collectAsList().get(0);

    assertThat(field(lamp, "top_customers")).isEqualTo(List.of(
        entry(id(0x3), money("30.00"), 1L), // a tie: user id ascending
        entry(id(0xb), money("30.00"), 1L),
        entry(id(0x5), money("25.00"), 2L),
        entry(id(0x7), money("20.00"), 1L),
        entry(id(0x1), money("19.99"), 1L),
        entry(id(0x2), money("18.00"), 1L),
        entry(id(0x4), money("17.00"), 1L),
        entry(id(0x6), money("16.00"), 1L),
        // 10.001 and 10.004 are both stored as 10.00: tied on what is stored, so by user id
        entry(id(0xa2), money("10.00"), 1L),
        entry(id(0xb1), money("10.00"), 1L)));
    // 12 orders of 11 distinct customers (0x8 is 11th and out of the top 10, still counted);
    // revenue 60 + 25 + 10.004 + 10.001 + 20 + 19.99 + 18 + 17 + 16 + 9.99 = 205.985, half-even 205.98;
    // average 205.985 / 12 = 17.1654...
    assertThat(field(lamp, "metrics")).isEqualTo(entry(12L, 12L, money("205.98"), money("17.17"), 11L));
    assertThat(field(lamp, "daily_breakdown")).isEqualTo(List.of(entry("2024-11-10", 12L, 12L, money("205.98"))));
  }

  private static Dataset<Row> transform(Order... orders) {
    Dataset<Row> catalogue = products(product(LAMP, "LAMP-7", "Desk lamp", "Home"), product(MUG, "MUG-8", "Mug", "Kitchen"));
    return InMemoryShop.aggregation(validated(orders), catalogue, null, List.of(Period.of(2024, 11)), null)
        .productAnalytics();
  }
}
