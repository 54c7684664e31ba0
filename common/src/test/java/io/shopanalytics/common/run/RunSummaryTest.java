package io.shopanalytics.common.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.sink.WriteOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {
  @Test
  void aRunSaysWhichBuildAndApplicationRanAndWhenInUtc() {
    RunSummary summary = new RunSummary("all").started(Instant.parse("2024-12-01T00:05:00.123456Z"), "0.1.0");
    summary.applicationId("application_1733011200000_0042");
    summary.finishedAt(Instant.parse("2024-12-01T00:17:42.5Z"));

    assertThat(summary.toJson()).isEqualTo("{\"job\":\"all\",\"status\":\"running\",\"version\":\"0.1.0\","
        + "\"app_id\":\"application_1733011200000_0042\",\"started_at\":\"2024-12-01T00:05:00.123Z\","
        + "\"finished_at\":\"2024-12-01T00:17:42.500Z\"}");
  }

  @Test
  void aDryRunHasNoApplication() {
    RunSummary summary = new RunSummary("all").started(Instant.parse("2024-12-01T00:05:00Z"), "0.1.0");

    assertThat(summary.toMap()).containsEntry("app_id", null).containsEntry("started_at", "2024-12-01T00:05:00Z");
  }

  @Test
  void theVersionIsTheBuildsOwn() {
    assertThat(ProjectVersion.get()).isEqualTo(System.getProperty("project.version"));
  }

  @Test
  void aFailedTasksTraceIsLeftToTheLog() {
    String sparkAbort = "Job aborted due to stage failure: Task 0 in stage 102.0 failed 4 times, most recent failure:"
        + " Lost task 0.3 (127.0.0.1 executor 1): java.lang.IllegalStateException: Writing 100 documents to"
        + " shop.customer_analytics failed after 6 attempt(s): MongoTimeoutException code -3: Timed out"
        + "\n\tat io.shopanalytics.common.sink.BulkWrites.flush(BulkWrites.java:136)"
        + "\nCaused by: com.mongodb.MongoTimeoutException: Timed out\n\t... 18 more\n\nDriver stacktrace:";

    assertThat(RunSummary.withoutStackTrace(sparkAbort)).isEqualTo(sparkAbort.substring(0, sparkAbort.indexOf('\n')));
  }

  @Test
  void aMessageWithoutTraceIsKeptWhole() {
    assertThat(RunSummary.withoutStackTrace("cannot reach MongoDB at mongodb://127.0.0.1:1\nsecond line"))
        .isEqualTo("cannot reach MongoDB at mongodb://127.0.0.1:1\nsecond line");
    assertThat(RunSummary.withoutStackTrace(null)).isEqualTo("null");
  }

  @Test
  void theSummarysFiguresInPrometheusTextFormat() {
    RunSummary summary = new RunSummary("all");
    summary.put("run_id", "20241201T000000Z-ab12").put("periods", List.of("2024-11")).put("orders_read", 1200L)
        .put("rejects", new TreeMap<>(Map.of("items_empty", 2L, "price \"12.50\"", 1L))).put("rejects_total", 3L)
        .put("shard_imbalance", 0.125).put("dry_run", false);
    summary.recordWrite(new WriteOutcome("sales_analytics", 1, 1, 0, 0));
    StageTimer timer = new StageTimer();
    timer.record("read", 1.5);
    summary.succeeded(timer);

    assertThat(summary.toPrometheus(Instant.parse("2024-12-01T00:05:00.250Z"))).isEqualTo("""
        # HELP shop_analytics_run_succeeded 1 when the run succeeded, 0 when it failed
        # TYPE shop_analytics_run_succeeded gauge
        shop_analytics_run_succeeded{analytics_job="all"} 1
        # HELP shop_analytics_run_finished_timestamp_seconds when the run ended (Unix time)
        # TYPE shop_analytics_run_finished_timestamp_seconds gauge
        shop_analytics_run_finished_timestamp_seconds{analytics_job="all"} 1.73301150025E9
        # HELP shop_analytics_orders_read the run summary's orders_read
        # TYPE shop_analytics_orders_read gauge
        shop_analytics_orders_read{analytics_job="all"} 1200
        # HELP shop_analytics_rejects_total the run summary's rejects_total
        # TYPE shop_analytics_rejects_total gauge
        shop_analytics_rejects_total{analytics_job="all"} 3
        # HELP shop_analytics_shard_imbalance the run summary's shard_imbalance
        # TYPE shop_analytics_shard_imbalance gauge
        shop_analytics_shard_imbalance{analytics_job="all"} 0.125
        # HELP shop_analytics_rejects_by_reason orders rejected, by reason
        # TYPE shop_analytics_rejects_by_reason gauge
        shop_analytics_rejects_by_reason{analytics_job="all",reason="items_empty"} 2
        shop_analytics_rejects_by_reason{analytics_job="all",reason="price \\"12.50\\""} 1
        # HELP shop_analytics_documents analytics documents by collection and outcome
        # TYPE shop_analytics_documents gauge
        shop_analytics_documents{analytics_job="all",collection="sales_analytics",outcome="inserted"} 1
        shop_analytics_documents{analytics_job="all",collection="sales_analytics",outcome="removed"} 0
        shop_analytics_documents{analytics_job="all",collection="sales_analytics",outcome="updated"} 0
        shop_analytics_documents{analytics_job="all",collection="sales_analytics",outcome="written"} 1
        # HELP shop_analytics_stage_seconds seconds spent per stage
        # TYPE shop_analytics_stage_seconds gauge
        shop_analytics_stage_seconds{analytics_job="all",stage="read"} 1.5
        """);
  }

  @Test
  void aFailedRunIsExportedAsNotSucceeded(@TempDir Path dir) throws Exception {
    RunSummary summary = new RunSummary("customer-analytics");
    summary.failed(new StageTimer(), new IllegalStateException("cannot reach mongodb://analytics:secret@db:27017"));
    Path file = dir.resolve("textfile/customer_analytics.prom");

    summary.writeMetricsTo(file, Instant.parse("2024-12-01T00:00:00Z"));

    assertThat(Files.readString(file)).isEqualTo("""
        # HELP shop_analytics_run_succeeded 1 when the run succeeded, 0 when it failed
        # TYPE shop_analytics_run_succeeded gauge
        shop_analytics_run_succeeded{analytics_job="customer-analytics"} 0
        # HELP shop_analytics_run_finished_timestamp_seconds when the run ended (Unix time)
        # TYPE shop_analytics_run_finished_timestamp_seconds gauge
        shop_analytics_run_finished_timestamp_seconds{analytics_job="customer-analytics"} 1.7330112E9
        """);
    assertThat(dir.resolve("textfile")).isDirectoryContaining(path -> true).satisfies(folder ->
        assertThat(Files.list(folder).map(p -> p.getFileName().toString())).containsExactly("customer_analytics.prom"));
  }
}
