package io.shopanalytics.jobs.analytics;

import com.mongodb.client.model.Filters;
import io.shopanalytics.common.run.JobLabels;
import io.shopanalytics.common.run.RunContext;
import io.shopanalytics.common.run.StageTimer;
import io.shopanalytics.common.sink.UpsertWriter;
import io.shopanalytics.common.sink.WriteOutcome;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.analytics.transform.SaleData;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.bson.conversions.Bson;

/** Computes and upserts each requested output in its own Spark job group and FAIR pool, all at once. */
final class OutputWriters {
  private final SparkSession spark;
  private final RunRequest request;
  private final RunContext run;
  private final StageTimer timer;
  private final RunReport report;

  OutputWriters(SparkSession spark, RunRequest request, RunContext run, StageTimer timer, RunReport report) {
    this.spark = spark;
    this.request = request;
    this.run = run;
    this.timer = timer;
    this.report = report;
  }

  void writeAll(AnalyticsComputation computation) throws Exception {
    List<Callable<WriteOutcome>> writes = request.outputs().stream()
        .map(output -> (Callable<WriteOutcome>) () -> timer.time(output.jobName(), () -> write(output, computation)))
        .toList();
    ConcurrentOutputs.runAll(writes, this::cancelAll);
  }

  private WriteOutcome write(AnalyticsOutput output, AnalyticsComputation computation) throws InterruptedException {
    JobLabels.label(spark.sparkContext(), output.label(), output.label() + " " + request.scopeLabel(output),
        output.pool());
    WriteOutcome outcome = new UpsertWriter(request.mongo()).upsert(computation.output(output), output.collection(),
        output.key(), AnalyticsOutput.ID_FIELDS, run.runTime(), sweepScope(output));
    report.wrote(outcome);
    return outcome;
  }

  /** What a run recomputes in full, and so may clean of documents it no longer produces. */
  private Bson sweepScope(AnalyticsOutput output) {
    return output.periodic()
        ? Filters.in(SaleData.PERIOD, request.periods().stream().map(Period::id).toList())
        : Filters.empty();
  }

  private void cancelAll() {
    for (AnalyticsOutput output : request.outputs()) {
      spark.sparkContext().cancelJobGroup(output.label());
    }
  }
}
