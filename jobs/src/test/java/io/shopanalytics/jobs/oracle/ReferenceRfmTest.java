package io.shopanalytics.jobs.oracle;

import static io.shopanalytics.jobs.testdata.TestOrders.item;
import static io.shopanalytics.jobs.testdata.TestOrders.oid;
import static io.shopanalytics.jobs.testdata.TestOrders.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.time.AsOf;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Nearest-rank quintile cut points, scores with ties, and the segment table. */
class ReferenceRfmTest {

  @Test
  void sevenValuesWithTies() {
    // n = 7: ranks ceil(7k/5) = 2, 3, 5, 6 -> q = 20, 20, 40, 40.
    assertThat(ReferenceRfm.scores(List.of(10, 20, 20, 30, 40, 40, 50)))
        .containsExactly(1, 1, 1, 3, 3, 3, 5);
    // The order given is the order returned; equal values score equally wherever they stand.
    assertThat(ReferenceRfm.scores(List.of(40, 10, 50, 20, 30, 40, 20)))
        .containsExactly(3, 1, 5, 1, 3, 3, 1);
  }

  @Test
  void tenDistinctValues() {
    // n = 10: ranks 2, 4, 6, 8 -> q = 2, 4, 6, 8.
    assertThat(ReferenceRfm.scores(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)))
        .containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
  }

  @Test
  void smallRuns() {
    assertThat(ReferenceRfm.scores(List.of(42))).containsExactly(1);
    // n = 2: ranks 1, 1, 2, 2.
    assertThat(ReferenceRfm.scores(List.of(5, 9))).containsExactly(1, 3);
    // n = 3: ranks 1, 2, 2, 3 (recency values are <= 0).
    assertThat(ReferenceRfm.scores(List.of(-30L, -10L, 0L))).containsExactly(1, 2, 4);
    assertThat(ReferenceRfm.scores(List.of(1, 2, 3, 4, 5))).containsExactly(1, 2, 3, 4, 5);
    assertThat(ReferenceRfm.scores(List.of(7, 7, 7, 7, 7, 7))).containsExactly(1, 1, 1, 1, 1, 1);
    assertThat(ReferenceRfm.scores(List.<Integer>of())).isEmpty();
  }

  @Test
  void moneyComparesByValue() {
    assertThat(ReferenceRfm.scores(List.of(new BigDecimal("10.00"), new BigDecimal("9.99"), new BigDecimal("10.01"))))
        .containsExactly(2, 1, 4);
  }

  @ParameterizedTest(name = "r={0} f={1} m={2} orders={3} -> {4}")
  @CsvSource({
      "5, 5, 3, 9, high_value", // total 13
      "5, 4, 3, 9, loyal", // total 12, frequency 4
      "1, 4, 1, 9, loyal", // loyal before at_risk
      "4, 1, 5, 1, new", // recency 4, a single order
      "5, 1, 1, 1, new",
      "4, 1, 5, 2, regular", // recency 4 but two lifetime orders
      "2, 3, 1, 3, at_risk",
      "2, 1, 4, 1, at_risk",
      "2, 2, 3, 2, hibernating",
      "1, 1, 1, 1, hibernating",
      "3, 3, 5, 3, regular",
      "3, 1, 1, 1, regular"})
  void segmentTable(int r, int f, int m, long orders, String segment) {
    assertThat(ReferenceRfm.segment(new ReferenceRfm.Score(r, f, m), orders)).isEqualTo(segment);
  }

  @Test
  void scoresAndSegmentsOfARun() {
    // Five customers: last sale d days before as_of, n orders of 10.00 each, plus a top-up.
    AsOf asOf = AsOf.of(LocalDate.of(2024, 11, 30));
    int[] daysAgo = {0, 10, 20, 5, 30};
    int[] orderCounts = {1, 1, 3, 2, 4};
    List<Document> orders = new ArrayList<>();
    int id = 100;
    for (int c = 0; c < 5; c++) {
      LocalDate last = asOf.date().minusDays(daysAgo[c]);
      for (int o = 0; o < orderCounts[c]; o++) {
        String at = last.minusDays(o) + "T12:00:00Z";
        // monetary: A 10, B 20, C 50, D 30, E 40 in total
        int spend = o == 0 ? new int[] {10, 20, 50, 30, 40}[c] - 10 * (orderCounts[c] - 1) : 10;
        orders.add(order(oid(id++), oid(c + 1), at, "delivered").item(item(oid(99), 1, spend)).build());
      }
    }
    List<Document> customers = ReferenceAnalytics.compute(orders, List.of(), List.of(), List.of(), asOf)
        .customerAnalytics();
    // r: A 0 B -10 C -20 D -5 E -30 -> 5 3 2 4 1. f: 1 1 3 2 4 -> q = 1 1 2 3 -> 1 1 4 3 5.
    // m: 10 20 50 30 40 -> 1 2 5 3 4.
    assertThat(customers).extracting(c -> c.get("rfm_score")).containsExactly(
        rfm(5, 1, 1), rfm(3, 1, 2), rfm(2, 4, 5), rfm(4, 3, 3), rfm(1, 5, 4));
    assertThat(customers).extracting(c -> c.get("customer_segment"))
        .containsExactly("new", "regular", "loyal", "regular", "loyal");
  }

  static Document rfm(int r, int f, int m) {
    return new Document("recency", r).append("frequency", f).append("monetary", m).append("total", r + f + m);
  }
}
