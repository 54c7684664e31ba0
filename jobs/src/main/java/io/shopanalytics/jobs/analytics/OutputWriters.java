package io.shopanalytics.jobs.analytics;

import io.shopanalytics.common.lease.WriteFence;
import io.shopanalytics.common.run.JobLabels;
import io.shopanalytics.common.run.RunContext;
import io.shopanalytics.common.run.StageTimer;
import io.shopanalytics.common.sink.UpsertWriter;
import io.shopanalytics.common.sink.WriteOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bson.Document;

/**
 * Computes and upserts each requested output in its own Spark job group and FAIR pool, all at once,
 * each under its leases' fence; customer analytics also write the segment history, even when the
 * snapshot itself is skipped.
 */
final class OutputWriters {
  private final SparkSession spark;
  private final RunRequest request;
  private final RunContext run;
  private final StageTimer timer;
  private final RunReport report;
  private final OutputLeases leases;
  private final Map<AnalyticsOutput, String> skipped;

  /** @param skipped outputs computed but not written (the segment history still is) */
  OutputWriters(SparkSession spark, RunRequest request, RunContext run, StageTimer timer, RunReport report,
      OutputLeases leases, Map<AnalyticsOutput, String> skipped) {
    this.spark = spark;
    this.request = request;
    this.run = run;
    this.timer = timer;
    this.report = report;
    this.leases = leases;
    this.skipped = Map.copyOf(skipped);
  }

  void writeAll(AnalyticsComputation computation) throws Exception {
    List<Callable<WriteOutcome>> writes = request.outputs().stream()
        .map(output -> (Callable<WriteOutcome>) () -> timer.time(output.jobName(), () -> write(output, computation)))
        .toList();
    ConcurrentOutputs.runAll(writes, this::cancelAll);
  }

  private WriteOutcome write(AnalyticsOutput output, AnalyticsComputation computation) throws Exception {
    JobLabels.label(spark.sparkContext(), output.label(), output.label() + " " + request.scopeLabel(output),
        output.pool());
    Dataset<Row> rows = computation.output(output);
    WriteFence fence = leases.fence(output);
    // the history's small job runs beside the customers' upserts, not after them; it is written after
    // them (docs/PERFORMANCE.md, 1)
    Future<Document> history = output != AnalyticsOutput.CUSTOMER ? null
        : ConcurrentOutputs.startBeside("segment-history", () -> SegmentHistory.of(rows, request.asOf()));
    try {
      WriteOutcome outcome = null;
      if (!skipped.containsKey(output)) {
        outcome = new UpsertWriter(request.mongo()).upsert(rows, output.collection(), output.key(),
            AnalyticsOutput.ID_FIELDS, run.runTime(), fence);
        report.wrote(outcome);
      }
      if (history != null) {
        report.wrote(timer.time("segment_history", () -> SegmentHistory.write(request.mongo(),
            ConcurrentOutputs.await(history), request.asOf(), run.runTime(), fence)));
      }
      return outcome;
    } finally {
      if (history != null) {
        history.cancel(true);
      }
    }
  }

  private void cancelAll() {
    for (AnalyticsOutput output : request.outputs()) {
      spark.sparkContext().cancelJobGroup(output.label());
    }
  }
}
