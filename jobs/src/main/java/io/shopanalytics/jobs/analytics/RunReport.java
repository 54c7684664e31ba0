package io.shopanalytics.jobs.analytics;

import io.shopanalytics.common.incremental.DirtyMonths;
import io.shopanalytics.common.incremental.ProcessedMarker;
import io.shopanalytics.common.run.RunContext;
import io.shopanalytics.common.run.RunSummary;
import io.shopanalytics.common.run.StageTimer;
import io.shopanalytics.common.sink.WriteOutcome;
import io.shopanalytics.common.source.ReadMetrics;
import io.shopanalytics.common.source.ReadPlan;
import io.shopanalytics.common.source.ReadScope;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.analytics.transform.ReadTally;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what a run did into its {@link RunSummary}, one typed step at a time. The run never reads
 * the summary back: its decisions come from the values themselves.
 */
final class RunReport {
  private final RunSummary summary;
  private final StageTimer timer;

  RunReport(RunSummary summary, StageTimer timer) {
    this.summary = summary;
    this.timer = timer;
  }

  void started(RunContext run, RunRequest request) {
    summary.put("run_id", run.runId())
        .put("periods", ids(request.periods()))
        .put("as_of", request.wants(AnalyticsOutput.CUSTOMER) ? request.asOf().toString() : null)
        .put("read_preference", request.mongo().describeReadPreference())
        .put("write_concern", request.mongo().describeWriteConcern())
        .put("mode", request.mode().label());
  }

  void dirtyMonths(DirtyMonths.Found dirty, RunRequest resolved) {
    summary.put("dirty_months", dirty.describe())
        .put("dirty_orders", dirty.orders())
        .put("dirty_orders_without_valid_date", dirty.withoutValidDate())
        .put("periods", ids(resolved.periods()));
  }

  void planned(ReadPlan plan, ReadScope scope) {
    summary.put("read_scope", scope.toString())
        .put("read_strategy", plan.strategy())
        .put("read_plan", plan.reason())
        .put("read_partitions", plan.partitions().size())
        .put("partitions_per_shard", plan.partitionsPerShard())
        .put("estimated_orders", plan.estimatedDocuments())
        .put("estimated_orders_per_shard", plan.estimatedDocumentsPerShard());
    if (plan.readPreference() != null) {
      summary.put("read_preference", plan.readPreference());
    }
  }

  void dryRun() {
    summary.put("dry_run", true);
  }

  void read(ReadTally tally, ReadMetrics metrics, double imbalanceAlert) {
    summary.put("orders_read", tally.ordersRead())
        .put("rejects", tally.rejects())
        .put("rejects_total", tally.rejectsTotal());
    if (metrics == null) {
      return;
    }
    metrics.warnIfImbalanced(imbalanceAlert);
    metrics.imbalance().ifPresent(value -> summary.put("shard_imbalance", Math.round(value * 1000) / 1000.0));
    Map<String, Object> shards = new LinkedHashMap<>();
    metrics.perShard().forEach((shard, reads) -> shards.put(shard,
        Map.of("partitions", reads.partitions(), "documents", reads.documents(),
            "seconds", Math.round(reads.seconds() * 1000) / 1000.0)));
    summary.put("shards", shards);
  }

  void salesCounted(long saleOrders) {
    summary.put("sales_counted", saleOrders);
  }

  void wrote(WriteOutcome outcome) {
    summary.recordWrite(outcome);
  }

  void productCounters(long updated) {
    summary.put("products_counters_updated", updated);
  }

  void marked(ProcessedMarker.Outcome marking) {
    summary.put("orders_marked", marking.marked()).put("orders_skipped_changed", marking.skippedChanged());
  }

  /** Outputs the run computed but did not write, each with the reason. */
  void skipped(Map<String, String> reasons) {
    summary.put("skipped", Map.copyOf(reasons));
  }

  void busy(String reason) {
    summary.busy(timer, reason);
  }

  void succeeded() {
    summary.succeeded(timer);
  }

  void failed(Throwable error) {
    summary.failed(timer, error);
  }

  private static List<String> ids(List<Period> periods) {
    return periods.stream().map(Period::id).toList();
  }
}
