package io.shopanalytics.jobs.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.lease.WriteFence;
import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.run.JobLabels;
import io.shopanalytics.common.run.RunContext;
import io.shopanalytics.common.sink.AnalyticsIndexes;
import io.shopanalytics.common.sink.UpsertWriter;
import io.shopanalytics.common.sink.WriteOutcome;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Writes each rejected order's id, reason and run to {@code analytics_rejects} (docs/CONTRACT.md, "Which orders count"). */
final class RejectsWriter {
  private final MongoSettings settings;

  RejectsWriter(MongoSettings settings) {
    this.settings = settings;
  }

  /**
   * @param rejected {@code order_id} and {@code reject_reason} of the malformed orders
   * @param count how many there are
   * @return the write's outcome; empty when the run read no malformed order
   */
  Optional<WriteOutcome> write(SparkSession spark, Dataset<Row> rejected, long count, RunContext run, String job)
      throws InterruptedException {
    if (count == 0) {
      return Optional.empty();
    }
    JobLabels.label(spark.sparkContext(), "REJECTS", "REJECTS run=" + run.runId(), "default");
    Dataset<Row> rejects = rejected.select(
        col(OrderSchema.ORDER_ID).as("_id"),
        col(OrderSchema.REJECT_REASON).as("reason"),
        lit(run.runId()).as("run_id"),
        lit(job).as("job"));
    return Optional.of(new UpsertWriter(settings).upsert(rejects, AnalyticsIndexes.REJECTS, AnalyticsIndexes.key(AnalyticsIndexes.REJECTS),
        AnalyticsOutput.ID_FIELDS, run.runTime(), WriteFence.none()));
  }
}
