package io.shopanalytics.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.testing.EmbeddedMongo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ShowCommandTest {
  private static EmbeddedMongo mongo;

  @BeforeAll
  static void start() {
    mongo = EmbeddedMongo.start();
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  @Test
  void printsTheMonthTotalsSegmentsAndRejectsByReason() {
    var db = mongo.database();
    db.getCollection("sales_analytics").insertOne(new Document("period", "2024-11")
        .append("totals", new Document("total_orders", 3L).append("total_revenue", Decimal128.parse("120.00"))
            .append("total_customers", 2L).append("average_order_value", Decimal128.parse("40.00")))
        .append("by_category", List.of(new Document("category", "books").append("revenue", Decimal128.parse("120.00"))
            .append("percentage", 100.0)))
        .append("top_products", List.of(new Document("sku", "BOO-1").append("name", "A book")
            .append("quantity_sold", 4L).append("revenue", Decimal128.parse("120.00")))));
    db.getCollection("customer_analytics").insertMany(List.of(new Document("customer_segment", "new"),
        new Document("customer_segment", "new"), new Document("customer_segment", "loyal")));
    db.getCollection("analytics_rejects").insertMany(List.of(new Document("_id", 1).append("reason", "items_empty"),
        new Document("_id", 2).append("reason", "unit_price_invalid"), new Document("_id", 3).append("reason", "items_empty")));
    ShowCommand show = new ShowCommand();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    show.out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    int exitCode = new CommandLine(show).execute("--uri", mongo.uri());

    assertThat(exitCode).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo(String.join(System.lineSeparator(),
        "Sales by month (sale orders, revenue, customers, average order value)",
        "  2024-11         3          120.00        2      40.00",
        "",
        "Top categories in 2024-11",
        "  books                        120.00  100.0%",
        "Top products in 2024-11",
        "  BOO-1            A book                                        4        120.00",
        "Customer segments",
        "  new                 2",
        "  loyal               1",
        "Rejected orders on record: 3",
        "  items_empty                                     2",
        "  unit_price_invalid                              1",
        ""));
  }

  /** spark-submit passes --properties-file and --conf to the driver as system properties; show reads them. */
  @Test
  void readsTheDatabaseTheSparkPropertiesName() {
    mongo.client().getDatabase("shop_elsewhere").getCollection("sales_analytics").insertOne(new Document("period", "2023-02")
        .append("totals", new Document("total_orders", 1L).append("total_revenue", Decimal128.parse("9.50"))
            .append("total_customers", 1L).append("average_order_value", Decimal128.parse("9.50")))
        .append("by_category", List.of()).append("top_products", List.of()));
    ShowCommand show = new ShowCommand();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    show.out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    System.setProperty("spark.shopanalytics.database", "shop_elsewhere");
    try {
      assertThat(new CommandLine(show).execute("--uri", mongo.uri())).isZero();
    } finally {
      System.clearProperty("spark.shopanalytics.database");
    }
    assertThat(printed.toString(StandardCharsets.UTF_8).lines().toList()).startsWith(
        "Sales by month (sale orders, revenue, customers, average order value)",
        "  2023-02         1            9.50        1       9.50");
  }
}
