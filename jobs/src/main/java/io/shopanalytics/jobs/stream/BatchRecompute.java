package io.shopanalytics.jobs.stream;

import io.shopanalytics.common.run.ProjectVersion;
import io.shopanalytics.common.run.RunContext;
import io.shopanalytics.common.run.RunSummary;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.analytics.AnalyticsOutput;
import io.shopanalytics.jobs.analytics.AnalyticsSuite;
import io.shopanalytics.jobs.analytics.RunMode;
import io.shopanalytics.jobs.analytics.RunRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One micro-batch (Spark's {@code foreachBatch}): find what its changes touch, recompute exactly
 * those months of product and sales analytics, and customer analytics when due, with the batch
 * suite itself (its leases, reads, transforms, fenced writes and marking), then report. The batch
 * returns only once every write has succeeded; only then does Spark commit its offsets.
 */
final class BatchRecompute implements VoidFunction2<Dataset<Row>, Long> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LogManager.getLogger(BatchRecompute.class);
  private static final Duration BUSY_PAUSE = Duration.ofSeconds(5);

  private final transient SparkSession spark;
  private final transient StreamRequest stream;
  private final transient Supplier<AsOf> asOf;
  private final transient CustomerSchedule customers;
  private final transient StreamLines lines;
  private final transient StreamRecord record;
  private final transient BooleanSupplier stopping;
  private final transient Clock clock;

  BatchRecompute(SparkSession spark, StreamRequest stream, Supplier<AsOf> asOf, CustomerSchedule customers,
      StreamLines lines, StreamRecord record, BooleanSupplier stopping, Clock clock) {
    this.spark = spark;
    this.stream = stream;
    this.asOf = asOf;
    this.customers = customers;
    this.lines = lines;
    this.record = record;
    this.stopping = stopping;
    this.clock = clock;
  }

  @Override
  public void call(Dataset<Row> changes, Long batchId) throws Exception {
    Instant started = clock.instant();
    ChangedScope scope = ChangedScope.of(changes);
    AsOf day = asOf.get();
    SortedSet<Period> months = new TreeSet<>(scope.months());
    if (scope.priorUnknown() > 0) {
      months.addAll(StoredMonths.of(stream.mongo()));
      LOG.warn("Batch {}: {} change(s) without the order's earlier version (no pre-image): recomputing every month "
          + "that holds analytics ({} months). Pre-images on orders make this exact: docs/OPERATIONS.md, 6",
          batchId, scope.priorUnknown(), months.size());
    }
    if (scope.touchesCustomers(day)) {
      customers.changed();
    }
    boolean customersDue = customers.due(started, day);
    RunSummary run = months.isEmpty() && !customersDue ? null
        : recompute(batchId, months, customersDue, day, scope.newestClusterTime());
    // a run names its as-of day only when it computed customers (a busy retry may have left them out)
    boolean customersDone = run != null && run.toMap().get("as_of") != null;
    if (customersDone) {
      customers.computed(started, day);
    }
    Instant finished = clock.instant();
    Map<String, Object> line = lines.print("batch", batchLine(batchId, scope, months, customersDone,
        customers.pending(), day, run, started, finished));
    record.batch(line, scope.changes(), finished);
  }

  /**
   * The suite over the touched months (and customers), again while another run holds one of them;
   * when months and customers were both asked for, the attempts after a busy one leave the
   * customers out (they stay pending), so that a long run holding the customer snapshot does not
   * hold back the months. Its reads see at least the batch's newest change, even from a secondary
   * that lags.
   */
  private RunSummary recompute(long batchId, SortedSet<Period> months, boolean withCustomers, AsOf day,
      long newestClusterTime) throws Exception {
    for (int attempt = 1; ; attempt++) {
      RunRequest request = request(months, withCustomers && (attempt == 1 || months.isEmpty()), day,
          newestClusterTime);
      RunSummary summary = new RunSummary("stream-batch").started(clock.instant(), ProjectVersion.get())
          .put("stream", Map.of("stream_run_id", lines.streamRunId(), "batch_id", batchId));
      summary.applicationId(spark.sparkContext().applicationId());
      try {
        new AnalyticsSuite(spark, clock).execute(request, summary);
      } finally {
        // the run names its own log lines; the stream's lines between runs name the stream
        ThreadContext.put(RunContext.LOG_KEY, lines.streamRunId());
      }
      summary.finishedAt(clock.instant());
      if (summary.busyReason().isEmpty()) {
        return summary;
      }
      lines.print("busy", Map.of("batch_id", batchId, "attempt", attempt, "reason", summary.busyReason().get()));
      if (stopping.getAsBoolean()) {
        throw new StreamStopped(batchId);
      }
      Thread.sleep(BUSY_PAUSE.toMillis());
    }
  }

  private RunRequest request(SortedSet<Period> months, boolean withCustomers, AsOf day, long newestClusterTime) {
    Set<AnalyticsOutput> outputs = EnumSet.noneOf(AnalyticsOutput.class);
    if (!months.isEmpty()) {
      outputs.add(AnalyticsOutput.PRODUCT);
      outputs.add(AnalyticsOutput.SALES);
    }
    if (withCustomers) {
      outputs.add(AnalyticsOutput.CUSTOMER);
    }
    return RunRequest.builder(stream.mongo().readingAfter(newestClusterTime)).outputs(outputs)
        .periods(List.copyOf(months)).asOf(day).mode(RunMode.STREAM).read(stream.read()).leases(stream.leases())
        .build();
  }

  private static Map<String, Object> batchLine(long batchId, ChangedScope scope, SortedSet<Period> months,
      boolean customersDue, boolean customersPending, AsOf day, RunSummary run, Instant started, Instant finished) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("batch_id", batchId);
    line.put("changes", scope.changes());
    line.put("operations", scope.operations());
    line.put("ignored", scope.ignored());
    line.put("prior_unknown", scope.priorUnknown());
    line.put("months", months.stream().map(Period::id).toList());
    line.put("customers", customersDue ? "recomputed" : customersPending ? "pending" : "unchanged");
    line.put("as_of", day.toString());
    line.put("run_id", run == null ? null : run.toMap().get("run_id"));
    line.put("orders_read", run == null ? 0L : run.toMap().getOrDefault("orders_read", 0L));
    line.put("orders_marked", run == null ? 0L : run.toMap().getOrDefault("orders_marked", 0L));
    line.put("lag_seconds", scope.newestChange() == null ? null
        : Math.round(Duration.between(scope.newestChange(), finished).toMillis() / 100.0) / 10.0);
    line.put("seconds", Math.round(Duration.between(started, finished).toMillis() / 100.0) / 10.0);
    return line;
  }
}
