package io.shopanalytics.jobs.oracle;

import static io.shopanalytics.jobs.testdata.TestOrders.dec;
import static io.shopanalytics.jobs.testdata.TestOrders.item;
import static io.shopanalytics.jobs.testdata.TestOrders.oid;
import static io.shopanalytics.jobs.testdata.TestOrders.order;
import static io.shopanalytics.jobs.testdata.TestOrders.product;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exact sums, half-even rounding at storage, shortest decimals of doubles. */
class ReferenceRoundingTest {
  static final Period NOVEMBER = Period.of(2024, 11);
  static final AsOf AS_OF = AsOf.of(LocalDate.of(2024, 11, 30));

  static ReferenceResult run(List<Document> orders) {
    return ReferenceAnalytics.compute(orders, List.of(), List.of(), List.of(NOVEMBER), AS_OF);
  }

  static Document onlySales(ReferenceResult result) {
    assertThat(result.salesAnalytics()).hasSize(1);
    return result.salesAnalytics().get(0);
  }

  static Decimal128 productRevenue(ReferenceResult result, int index) {
    return (Decimal128) result.productAnalytics().get(index).get("metrics", Document.class).get("total_revenue");
  }

  @Test
  void halfEvenAtTheCent() {
    ReferenceResult result = run(List.of(order(oid(1), oid(2), "2024-11-05T10:00:00Z", "delivered")
        .item(item(oid(3), 1, 0.125)) // exactly half a cent: to the even 0.12
        .item(item(oid(4), 1, 0.135)) // to the even 0.14
        .item(item(oid(5), 1, 2.675)) // binary 2.67499..; shortest decimal 2.675 -> 2.68
        .item(item(oid(6), 1, 1.015)) // binary 1.01499..; shortest decimal 1.015 -> 1.02
        .item(item(oid(7), 3, 0.1)) // 0.30000000000000004 in binary arithmetic; exactly 0.3
        .item(item(oid(8), 3, dec("33.333333"))) // 99.999999 -> 100.00
        .build()));
    assertThat(productRevenue(result, 0)).isEqualTo(dec("0.12"));
    assertThat(productRevenue(result, 1)).isEqualTo(dec("0.14"));
    assertThat(productRevenue(result, 2)).isEqualTo(dec("2.68"));
    assertThat(productRevenue(result, 3)).isEqualTo(dec("1.02"));
    assertThat(productRevenue(result, 4)).isEqualTo(dec("0.30"));
    assertThat(productRevenue(result, 5)).isEqualTo(dec("100.00"));
    // The order total is the exact sum, rounded once: 0.125 + 0.135 + 2.675 + 1.015 + 0.3 + 99.999999
    // = 104.249999, not the sum of rounded lines (104.26).
    assertThat(onlySales(result).get("totals", Document.class).get("total_revenue")).isEqualTo(dec("104.25"));
  }

  @Test
  void averageOfExactlyHalfACentRoundsToEven() {
    ReferenceResult result = run(List.of(
        order(oid(1), oid(2), "2024-11-05T10:00:00Z", "delivered").item(item(oid(3), 1, dec("10.00"))).build(),
        order(oid(4), oid(2), "2024-11-06T10:00:00Z", "delivered").item(item(oid(3), 1, dec("10.01"))).build()));
    Document totals = onlySales(result).get("totals", Document.class);
    assertThat(totals.get("total_revenue")).isEqualTo(dec("20.01"));
    assertThat(totals.get("average_order_value")).as("20.01 / 2 = 10.005").isEqualTo(dec("10.00"));
    Document metrics = result.productAnalytics().get(0).get("metrics", Document.class);
    assertThat(metrics.get("average_order_value")).isEqualTo(dec("10.00"));
    Document lifetime = result.customerAnalytics().get(0).get("lifetime_metrics", Document.class);
    assertThat(lifetime.get("average_order_value")).isEqualTo(dec("10.00"));
  }

  @Test
  void averageIsTheCorrectlyRoundedQuotientNotARoundedSum() {
    // 3 orders of 0.005: total 0.015 stored 0.02; average exactly 0.005 -> 0.00 (not 0.02 / 3).
    List<Document> orders = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      orders.add(order(oid(10 + i), oid(2), "2024-11-05T10:00:00Z", "shipped").item(item(oid(3), 1, 0.005)).build());
    }
    Document totals = onlySales(run(orders)).get("totals", Document.class);
    assertThat(totals.get("total_revenue")).isEqualTo(dec("0.02"));
    assertThat(totals.get("average_order_value")).isEqualTo(dec("0.00"));
  }

  @Test
  void percentagesHalfEvenToOneDecimalFromExactRevenues() {
    // Category A 1.00 and B 15.00 of 16.00: 6.25 -> 6.2 and 93.75 -> 93.8.
    ReferenceResult result = run(List.of(order(oid(1), oid(2), "2024-11-05T10:00:00Z", "delivered")
        .item(item(oid(3), 1, 1).category("A"))
        .item(item(oid(4), 3, 5).category("B"))
        .build()));
    List<Document> byCategory = onlySales(result).getList("by_category", Document.class);
    assertThat(byCategory).extracting(d -> d.get("category"), d -> d.get("percentage"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("B", 93.8), org.assertj.core.groups.Tuple.tuple("A", 6.2));
  }

  @Test
  void zeroTotalGivesZeroPercentages() {
    ReferenceResult result = run(List.of(order(oid(1), oid(2), "2024-11-05T10:00:00Z", "delivered")
        .payment("paypal").item(item(oid(3), 2, 0).category("Free")).item(item(oid(4), 1, dec("-0"))).build()));
    Document sales = onlySales(result);
    assertThat(sales.get("totals", Document.class).get("total_revenue")).isEqualTo(dec("0.00"));
    assertThat(sales.get("totals", Document.class).get("average_order_value")).isEqualTo(dec("0.00"));
    assertThat(sales.getList("by_category", Document.class)).extracting(d -> d.get("percentage"))
        .containsExactly(0.0, 0.0);
    assertThat(sales.getList("by_payment_method", Document.class).get(0))
        .isEqualTo(new Document("method", "paypal").append("orders", 1L).append("revenue", dec("0.00"))
            .append("percentage", 0.0));
  }

  @Test
  void ratiosHalfEvenToTwoDecimals() {
    // 8 orders: 9 items -> 1.125 -> 1.12; 3 returned -> 0.375 -> 0.38.
    List<Document> orders = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String status = i < 3 ? "returned" : "delivered";
      orders.add(order(oid(10 + i), oid(2), "2024-11-0" + (i + 1) + "T10:00:00Z", status)
          .item(item(oid(3), i == 0 ? 2 : 1, 1)).build());
    }
    Document behavior = run(orders).customerAnalytics().get(0).get("behavior", Document.class);
    assertThat(behavior.get("average_items_per_order")).isEqualTo(1.12);
    assertThat(behavior.get("return_rate")).isEqualTo(0.38);
  }

  @ParameterizedTest
  @CsvSource({
      "0.1, 0.1", "19.99, 19.99", "2.675, 2.675", "1.005, 1.005", "0.125, 0.125", "100.0, 100",
      "1234.56, 1234.56", "0.3, 0.3", "1.0E-5, 0.00001", "123456789.01, 123456789.01",
      "0.30000000000000004, 0.30000000000000004", "4.9E-324, 5E-324", "1.7976931348623157E308, 1.7976931348623157E308"})
  void shortestDecimalOfADouble(double value, String expected) {
    BigDecimal shortest = ReferenceNumbers.shortestDecimal(value);
    assertThat(shortest).isEqualByComparingTo(expected);
    assertThat(shortest.doubleValue()).isEqualTo(value);
  }

  @Test
  void everyCentAmountReadsBackAsTyped() {
    // Any price typed with 2 decimals up to 200,000.00, stored as a double, is that exact amount.
    for (long cents = 0; cents <= 20_000_000; cents += 31) {
      BigDecimal typed = BigDecimal.valueOf(cents, 2);
      BigDecimal read = ReferenceNumbers.shortestDecimal(typed.doubleValue());
      if (read.compareTo(typed) != 0) {
        throw new AssertionError(typed + " read as " + read);
      }
    }
  }

  @Test
  void storedValuesHaveScaleTwo() {
    assertThat(ReferenceRounding.money(new BigDecimal("5"))).isEqualTo(dec("5.00"));
    assertThat(ReferenceRounding.money(new BigDecimal("7.5E+1"))).isEqualTo(dec("75.00"));
    assertThat(ReferenceRounding.money(new BigDecimal("0.0001"))).isEqualTo(dec("0.00"));
    assertThat(ReferenceRounding.average(new BigDecimal("1"), 3)).isEqualTo(dec("0.33"));
    assertThat(ReferenceRounding.percentage(new BigDecimal("1"), new BigDecimal("3"))).isEqualTo(33.3);
    assertThat(ReferenceRounding.percentage(BigDecimal.ONE, BigDecimal.ZERO)).isEqualTo(0.0);
    assertThat(ReferenceRounding.ratio(new BigDecimal("2"), 3)).isEqualTo(0.67);
  }

  @Test
  void productDocumentUsesTheSameExactRules() {
    // The same product on two lines of one order: one order, both lines summed.
    ReferenceResult result = ReferenceAnalytics.compute(
        List.of(order(oid(1), oid(2), "2024-11-05T10:00:00Z", "delivered")
            .item(item(oid(3), 1, 0.005)).item(item(oid(3), 2, 0.005)).build()),
        List.of(product(oid(3), "S", "N", "C")), List.of(), List.of(NOVEMBER), null);
    Document metrics = result.productAnalytics().get(0).get("metrics", Document.class);
    assertThat(metrics).isEqualTo(new Document("total_orders", 1L).append("total_quantity_sold", 3L)
        .append("total_revenue", dec("0.02")) // 0.015 -> 0.02 (to even)
        .append("average_order_value", dec("0.02")).append("unique_customers", 1L));
    assertThat(result.customerAnalytics()).as("no as_of: no customer analytics").isEmpty();
  }
}
