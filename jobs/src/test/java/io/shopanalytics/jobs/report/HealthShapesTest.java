package io.shopanalytics.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.jobs.report.HealthShapes.Freshness;
import io.shopanalytics.jobs.report.HealthShapes.RunRow;
import io.shopanalytics.jobs.report.HealthShapes.ShardBalance;
import io.shopanalytics.jobs.report.HealthShapes.ShardRow;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** What the data-health section receives, from hand-written run records. */
class HealthShapesTest {
  private static final Instant STARTED = Instant.parse("2024-12-21T02:00:00Z");

  private static Document run(String id, String status, Instant started, Instant finished) {
    return new Document("_id", id).append("job", "all").append("status", status).append("mode", "incremental")
        .append("periods", List.of("2024-11", "2024-12")).append("as_of", "2024-12-20")
        .append("started_at", Date.from(started)).append("finished_at", finished == null ? null : Date.from(finished))
        .append("orders_read", 1500L)
        .append("rejects", new Document("item_quantity_invalid", 2L).append("created_at_invalid", 3L))
        .append("rejects_total", 5L)
        .append("collections", new Document("sales_analytics", new Document("written", 4L).append("removed", 0L))
            .append("customer_analytics", new Document("written", 55L).append("removed", 1L)))
        .append("shards", new Document("shard-b", new Document("partitions", 2L).append("documents", 700L)
                .append("seconds", 1.25))
            .append("shard-a", new Document("partitions", 3L).append("documents", 800L).append("seconds", 1.5)))
        .append("shard_imbalance", 1.07);
  }

  @Test
  void aRunRowSumsWhatWasWrittenAndListsRejectsByReason() {
    // 94.5 s; written 4 + 55, removed 0 + 1; reasons in name order
    assertThat(HealthShapes.runs(List.of(run("r1", "succeeded", STARTED, STARTED.plusMillis(94_500)))))
        .containsExactly(new RunRow("r1", "all", "succeeded", "incremental", "2024-11, 2024-12", "2024-12-20",
            "2024-12-21 02:00:00 UTC", 94.5, 1500, 5, "created_at_invalid 3, item_quantity_invalid 2", 59, 1));
  }

  @Test
  void aRunningRunHasNoDuration() {
    assertThat(HealthShapes.runs(List.of(run("r2", "running", STARTED, null))).get(0).seconds()).isNull();
  }

  @Test
  void freshnessIsTheNewestRunsFinishTime() {
    List<Document> runs = List.of(run("r1", "succeeded", STARTED, STARTED.plusSeconds(300)));
    // finished 02:05, now 04:10: 125 minutes
    assertThat(HealthShapes.freshness(runs, null, Instant.parse("2024-12-21T04:10:00Z")))
        .isEqualTo(new Freshness("newest run finished", "2024-12-21 02:05:00 UTC", 125, "2 h 5 min"));
    assertThat(HealthShapes.freshness(runs, null, Instant.parse("2024-12-24T05:05:00Z")).age()).isEqualTo("3 d 3 h");
  }

  @Test
  void freshnessOfARunningRunIsItsStartAndWithoutRunsTheLastWrite() {
    assertThat(HealthShapes.freshness(List.of(run("r2", "running", STARTED, null)), null, STARTED.plusSeconds(600)))
        .isEqualTo(new Freshness("newest run started (still running)", "2024-12-21 02:00:00 UTC", 10, "10 min"));
    Document written = new Document("updated_at", Date.from(STARTED));
    assertThat(HealthShapes.freshness(List.of(), written, STARTED.plusSeconds(60)).source())
        .isEqualTo("analytics last written (no run records)");
    assertThat(HealthShapes.freshness(List.of(), null, STARTED)).isNull();
  }

  @Test
  void shardBalanceIsTheNewestRunsShardsByName() {
    assertThat(HealthShapes.shardBalance(List.of(run("r1", "succeeded", STARTED, STARTED))))
        .isEqualTo(new ShardBalance("r1", 1.07, List.of(new ShardRow("shard-a", 3, 800, 1.5),
            new ShardRow("shard-b", 2, 700, 1.25))));
    assertThat(HealthShapes.shardBalance(List.of())).isNull();
  }
}
