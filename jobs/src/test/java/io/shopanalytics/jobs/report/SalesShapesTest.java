package io.shopanalytics.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.jobs.report.SalesShapes.DayRow;
import io.shopanalytics.jobs.report.SalesShapes.MonthRow;
import io.shopanalytics.jobs.report.SalesShapes.ProductRow;
import io.shopanalytics.jobs.report.SalesShapes.ProductSeries;
import io.shopanalytics.jobs.report.SalesShapes.ShareByMonth;
import io.shopanalytics.jobs.report.SalesShapes.ShareSeries;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** What the sales charts receive, from hand-written sales_analytics and product_analytics documents. */
class SalesShapesTest {
  private static final ObjectId P1 = new ObjectId("650000000000000000000001");
  private static final ObjectId P2 = new ObjectId("650000000000000000000002");
  private static final ObjectId P3 = new ObjectId("650000000000000000000003");

  static Decimal128 money(String amount) {
    return new Decimal128(new BigDecimal(amount));
  }

  static Document share(String key, String name, long orders, String revenue, double percentage) {
    return new Document(key, name).append("orders", orders).append("revenue", money(revenue))
        .append("percentage", percentage);
  }

  // October: 95.38 = Books 60.00 (62.9 %) + Toys 35.38 (37.1 %); November: 150.62 = Toys 120.50 (80.0 %) + Home 30.12 (20.0 %)
  static final Document OCTOBER = new Document("period", "2024-10")
      .append("totals", new Document("total_orders", 3L).append("total_revenue", money("95.38"))
          .append("total_customers", 2L).append("average_order_value", money("31.79")))
      .append("by_category", List.of(share("category", "Books", 2, "60.00", 62.9),
          share("category", "Toys", 1, "35.38", 37.1)))
      .append("by_payment_method", List.of(share("method", "credit_card", 3, "95.38", 100.0)));
  static final Document NOVEMBER = new Document("period", "2024-11")
      .append("totals", new Document("total_orders", 4L).append("total_revenue", money("150.62"))
          .append("total_customers", 3L).append("average_order_value", money("37.66")))
      .append("by_category", List.of(share("category", "Toys", 3, "120.50", 80.0),
          share("category", "Home", 1, "30.12", 20.0)))
      .append("by_payment_method", List.of(share("method", "paypal", 1, "100.00", 66.4),
          share("method", "credit_card", 3, "50.62", 33.6)))
      .append("daily_trend", List.of(new Document("date", "2024-11-02").append("orders", 1L).append("revenue", money("30.12")),
          new Document("date", "2024-11-20").append("orders", 3L).append("revenue", money("120.5"))))
      .append("top_products", List.of(
          new Document("product_id", P1).append("sku", "TOY-1").append("name", "Kite").append("quantity_sold", 4L)
              .append("revenue", money("100.00")),
          new Document("product_id", P2).append("sku", null).append("name", "Ball").append("quantity_sold", 2L)
              .append("revenue", money("20.50")),
          new Document("product_id", P3).append("quantity_sold", 1L).append("revenue", money("30.12"))));

  @Test
  void monthlyTotalsAreTheStoredOnesWithTwoDecimals() {
    assertThat(SalesShapes.monthly(List.of(OCTOBER, NOVEMBER))).containsExactly(
        new MonthRow("2024-10", 3, "95.38", "31.79", 2), new MonthRow("2024-11", 4, "150.62", "37.66", 3));
  }

  @Test
  void dailyTrendOfTheMonthShowsAmountsWithTwoDecimals() {
    assertThat(SalesShapes.daily(NOVEMBER)).containsExactly(new DayRow("2024-11-02", 1, "30.12"),
        new DayRow("2024-11-20", 3, "120.50"));
    assertThat(SalesShapes.daily(OCTOBER)).isEmpty();
    assertThat(SalesShapes.daily(null)).isEmpty();
  }

  @Test
  void categorySharesArePivotedBySeriesInOrderOfRevenueOverAllMonths() {
    // Toys 35.38 + 120.50 = 155.88, Books 60.00, Home 30.12
    ShareByMonth shares = SalesShapes.shares(List.of(OCTOBER, NOVEMBER), "by_category", "category");
    assertThat(shares.periods()).containsExactly("2024-10", "2024-11");
    assertThat(shares.series()).containsExactly(
        new ShareSeries("Toys", List.of(37.1, 80.0), List.of("35.38", "120.50")),
        new ShareSeries("Books", Arrays.asList(62.9, null), Arrays.asList("60.00", null)),
        new ShareSeries("Home", Arrays.asList(null, 20.0), Arrays.asList(null, "30.12")));
  }

  @Test
  void paymentSharesUseTheMethodKey() {
    // credit_card 95.38 + 50.62 = 146.00 before paypal 100.00
    ShareByMonth shares = SalesShapes.shares(List.of(OCTOBER, NOVEMBER), "by_payment_method", "method");
    assertThat(shares.series()).extracting(ShareSeries::name).containsExactly("credit_card", "paypal");
    assertThat(shares.series().get(1).percentage()).containsExactly(null, 66.4);
  }

  @Test
  void topProductsKeepTheStoredOrderAndAreLabelledBySkuElseNameElseId() {
    assertThat(SalesShapes.topProducts(NOVEMBER, 10)).containsExactly(
        new ProductRow(1, P1.toHexString(), "TOY-1", "Kite", "TOY-1", 4, "100.00"),
        new ProductRow(2, P2.toHexString(), null, "Ball", "Ball", 2, "20.50"),
        new ProductRow(3, P3.toHexString(), null, null, P3.toHexString(), 1, "30.12"));
    assertThat(SalesShapes.topProducts(NOVEMBER, 2)).hasSize(2);
  }

  @Test
  void productTrendFollowsTheGivenProductsOverTheMonthsWithGapsAsNulls() {
    List<ProductRow> tracked = SalesShapes.topProducts(NOVEMBER, 2);
    List<Document> productAnalytics = List.of(product(P1, "2024-10", "10.00"), product(P1, "2024-11", "100.00"),
        product(P2, "2024-11", "20.50"), product(P3, "2024-11", "30.12"), product(P1, "2024-08", "1.00"));
    assertThat(SalesShapes.productTrend(List.of("2024-10", "2024-11"), tracked, productAnalytics).products())
        .containsExactly(new ProductSeries(P1.toHexString(), "TOY-1", "Kite", List.of("10.00", "100.00")),
            new ProductSeries(P2.toHexString(), "Ball", "Ball", Arrays.asList(null, "20.50")));
  }

  private static Document product(ObjectId id, String period, String revenue) {
    return new Document("product_id", id).append("period", period)
        .append("metrics", new Document("total_revenue", money(revenue)));
  }
}
