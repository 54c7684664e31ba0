package io.shopanalytics.jobs.report;

import static io.shopanalytics.jobs.report.SalesShapesTest.money;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.jobs.report.CustomerShapes.CustomerRow;
import io.shopanalytics.jobs.report.CustomerShapes.HistorySeries;
import io.shopanalytics.jobs.report.CustomerShapes.ScoreRow;
import io.shopanalytics.jobs.report.CustomerShapes.SegmentHistory;
import io.shopanalytics.jobs.report.CustomerShapes.SegmentRow;
import io.shopanalytics.jobs.report.CustomerShapes.Segments;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** What the customer charts receive, from hand-written aggregation results and documents. */
class CustomerShapesTest {
  private static Document group(Object id, long customers) {
    return new Document("_id", id).append("customers", customers);
  }

  @Test
  void everySegmentIsListedInRuleOrderWithItsSizeAsOfTheSnapshot() {
    Document snapshot = new Document("as_of", Date.from(Instant.parse("2024-12-20T00:00:00Z")));
    Segments segments = CustomerShapes.segments(List.of(group("regular", 5), group("loyal", 3), group("new", 1)),
        snapshot);
    assertThat(segments.asOf()).isEqualTo("2024-12-20");
    assertThat(segments.customers()).isEqualTo(9);
    assertThat(segments.rows()).containsExactly(new SegmentRow("high_value", 0), new SegmentRow("loyal", 3),
        new SegmentRow("new", 1), new SegmentRow("at_risk", 0), new SegmentRow("hibernating", 0),
        new SegmentRow("regular", 5));
  }

  @Test
  void anUnknownSegmentIsKeptAfterTheKnownOnes() {
    assertThat(CustomerShapes.segments(List.of(group("vip", 2)), null).rows())
        .endsWith(new SegmentRow("vip", 2)).hasSize(7);
  }

  @Test
  void scoreDistributionListsEveryTotalFromThreeToFifteen() {
    List<ScoreRow> scores = CustomerShapes.scores(List.of(group(7, 2), group(15, 1)));
    assertThat(scores).hasSize(13).startsWith(new ScoreRow(3, 0)).endsWith(new ScoreRow(15, 1))
        .contains(new ScoreRow(7, 2));
    assertThat(scores.stream().mapToLong(ScoreRow::customers).sum()).isEqualTo(3);
  }

  @Test
  void segmentHistoryIsOneSeriesPerSegmentOverTheDates() {
    SegmentHistory history = CustomerShapes.history(List.of(
        new Document("_id", "2024-12-19").append("segments", new Document("loyal", 30L).append("new", 4L)),
        new Document("_id", "2024-12-20").append("segments", new Document("loyal", 33L).append("at_risk", 2L))));
    assertThat(history.dates()).containsExactly("2024-12-19", "2024-12-20");
    assertThat(history.series()).contains(new HistorySeries("loyal", List.of(30L, 33L)),
        new HistorySeries("new", List.of(4L, 0L)), new HistorySeries("at_risk", List.of(0L, 2L)));
    assertThat(CustomerShapes.history(List.of()).dates()).isEmpty();
  }

  @Test
  void topCustomersShowTheStoredSpendAndAGoneUsersMissingEmail() {
    ObjectId id = new ObjectId("650000000000000000000009");
    Document customer = new Document("user_id", id).append("email", null).append("customer_segment", "loyal")
        .append("lifetime_metrics", new Document("total_orders", 5L).append("total_spent", money("1200.5")))
        .append("rfm_score", new Document("total", 12));
    assertThat(CustomerShapes.topCustomers(List.of(customer)))
        .containsExactly(new CustomerRow(1, id.toHexString(), null, "loyal", 5, "1200.50", 12));
  }
}
