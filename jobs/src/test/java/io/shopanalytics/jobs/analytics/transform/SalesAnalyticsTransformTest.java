package io.shopanalytics.jobs.analytics.transform;

import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.at;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.id;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.item;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.order;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.product;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.products;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.validated;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.validatedFrom;
import static io.shopanalytics.jobs.analytics.transform.RowValues.entry;
import static io.shopanalytics.jobs.analytics.transform.RowValues.field;
import static io.shopanalytics.jobs.analytics.transform.RowValues.fields;
import static io.shopanalytics.jobs.analytics.transform.RowValues.money;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.testing.SparkTestBase;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.analytics.transform.InMemoryShop.Item;
import io.shopanalytics.jobs.testdata.TestOrders;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** sales_analytics rows computed from in-memory orders, no server. */
class SalesAnalyticsTransformTest extends SparkTestBase {
  private static final List<Period> OCTOBER_AND_NOVEMBER = List.of(Period.of(2024, 10), Period.of(2024, 11));
  private static final long NOVEL = 7;
  private static final long KITE = 8;
  private static final long GONE = 9;

  @Test
  void oneRowPerMonthWithSalesWithItsBreakdowns() {
    Dataset<Row> catalogue = products(product(NOVEL, "BOOK-7", "Novel", "Books"), product(KITE, "TOY-8", "Kite", "Toys"));
    Dataset<Row> orders = validated(
        order(1, 100, "2024-11-01T00:00:00Z", "delivered", item(NOVEL, 1, "10.00"), item(KITE, 1, "1.775")).row(),
        order(2, 101, "2024-11-01T12:00:00Z", "returned", item(NOVEL, 2, "10.00")).payment("paypal").row(),
        order(3, 100, "2024-11-15T08:00:00Z", "shipped", item(GONE, 3, "1.70").sku("OLD-9").name("Old thing")).row(),
        order(4, 102, "2024-11-16T08:00:00Z", "pending", item(NOVEL, 9, "100.00")).row(),
        order(5, 102, "2024-11-17T08:00:00Z", "cancelled", item(NOVEL, 9, "100.00")).row(),
        // validation makes an order without payment.method one paid by "unknown"
        validatedFrom(TestOrders.order(TestOrders.oid(6), TestOrders.oid(102), "2024-11-30T23:59:59.999Z", "processing")
            .item(TestOrders.item(TestOrders.oid(KITE), 1, TestOrders.dec("3.125"))).build()),
        order(7, 103, "2024-12-01T00:00:00Z", "delivered", item(NOVEL, 1, "50.00")).payment("paypal").row());

    Dataset<Row> result = transform(orders, catalogue);

    assertThat(result.schema().catalogString()).isEqualTo("struct<period:string,period_start:timestamp,"
        + "period_end:timestamp,totals:struct<total_orders:bigint,total_revenue:decimal(38,2),total_customers:bigint,"
        + "average_order_value:decimal(38,2)>,"
        + "by_category:array<struct<category:string,orders:bigint,revenue:decimal(38,2),percentage:double>>,"
        + "by_payment_method:array<struct<method:string,orders:bigint,revenue:decimal(38,2),percentage:double>>,"
        + "top_products:array<struct<product_id:string,sku:string,name:string,quantity_sold:bigint,"
        + "revenue:decimal(38,2)>>,daily_trend:array<struct<date:string,orders:bigint,revenue:decimal(38,2)>>>");
    // no row for October (no sale), none for December (not asked for)
    List<Row> rows = result.collectAsList();
    assertThat(rows).hasSize(1);
    // sales: orders 1, 2, 3 and 6, of 11.775 + 20.00 + 5.10 + 3.125 = 40.000, by users 100, 101, 102
    assertThat(fields(rows.get(0), "period", "period_start", "period_end", "totals", "by_category",
        "by_payment_method", "top_products", "daily_trend")).containsExactly(
        "2024-11", at("2024-11-01T00:00:00Z"), at("2024-11-30T23:59:59Z"),
        entry(4L, money("40.00"), 3L, money("10.00")),
        List.of(
            entry("Books", 2L, money("30.00"), 75.0),
            entry("unknown", 1L, money("5.10"), 12.8), // 100 × 5.10 / 40 = 12.75
            entry("Toys", 2L, money("4.90"), 12.2)), // 1.775 + 3.125; 100 × 4.90 / 40 = 12.25, half-even
        List.of(
            entry("paypal", 1L, money("20.00"), 50.0),
            entry("card", 2L, money("16.88"), 42.2), // 11.775 + 5.10 = 16.875; 42.1875 %
            entry("unknown", 1L, money("3.12"), 7.8)), // 3.125, half-even; 7.8125 %
        List.of(
            entry(id(NOVEL), "BOOK-7", "Novel", 3L, money("30.00")),
            entry(id(GONE), "OLD-9", "Old thing", 3L, money("5.10")), // gone from the catalogue: the item's labels
            entry(id(KITE), "TOY-8", "Kite", 2L, money("4.90"))),
        List.of(
            entry("2024-11-01", 2L, money("31.78")), // 11.775 + 20.00
            entry("2024-11-15", 1L, money("5.10")),
            entry("2024-11-30", 1L, money("3.12")))); // the month's last millisecond
  }

  @Test
  void tiesGoByNameAndByProductId() {
    Dataset<Row> orders = validated(
        order(1, 100, "2024-11-10T10:00:00Z", "delivered", item(0xb1, 1, "5.00").category("Garden")).payment("wallet"),
        order(2, 101, "2024-11-10T11:00:00Z", "delivered", item(0xa2, 1, "5.00").category("Audio")));

    Row november = transform(orders, products()).collectAsList().get(0);

    assertThat(fields(november, "by_category", "by_payment_method", "top_products")).containsExactly(
        List.of(entry("Audio", 1L, money("5.00"), 50.0), entry("Garden", 1L, money("5.00"), 50.0)),
        List.of(entry("card", 1L, money("5.00"), 50.0), entry("wallet", 1L, money("5.00"), 50.0)),
        List.of(entry(id(0xa2), null, null, 1L, money("5.00")), entry(id(0xb1), null, null, 1L, money("5.00"))));
  }

  @Test
  void topProductsAreTheFirstHundred() {
    // products 1..99 at 1.00..99.00, and two more tied at the top: 101 products, one order
    List<Item> lines = new ArrayList<>();
    lines.add(item(0xb1, 1, "200.00"));
    for (int n = 1; n <= 99; n++) {
      lines.add(item(n, 1, n + ".00"));
    }
    lines.add(item(0xa2, 1, "200.00"));

    Row november = transform(
        validated(order(1, 100, "2024-11-10T10:00:00Z", "delivered", lines.toArray(Item[]::new))), products())
        .collectAsList().get(0);

    @SuppressWarnings("unchecked")
    List<List<Object>> top = (List<List<Object>>) field(november, "top_products");
    assertThat(top).hasSize(100);
    assertThat(top.subList(0, 3)).containsExactly(
        entry(id(0xa2), null, null, 1L, money("200.00")),
        entry(id(0xb1), null, null, 1L, money("200.00")),
        entry(id(99), null, null, 1L, money("99.00")));
    // the 100th is product 2: product 1, the cheapest, is the 101st
    assertThat(top.get(99)).isEqualTo(entry(id(2), null, null, 1L, money("2.00")));
  }

  private static Dataset<Row> transform(Dataset<Row> validated, Dataset<Row> catalogue) {
    return InMemoryShop.aggregation(validated, catalogue, null, OCTOBER_AND_NOVEMBER, null).salesAnalytics();
  }
}
