package io.shopanalytics.common.source;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Where orders come from. Every strategy returns the same raw shape ({@code OrderSchema.RAW}):
 * validation runs after it, once, whatever the strategy.
 */
public interface OrdersSource {
  /** Plans the read without reading (also what {@code --dry-run} shows). */
  ReadPlan plan();

  /** The raw orders of the scope; lazy, like any Dataset. */
  Dataset<Row> read(SparkSession spark);

  /** Per-shard figures of the last read (null before the read has run). */
  ReadMetrics metrics();

  /**
   * Called after the read has been materialized: true when the sharding metadata the plan was made
   * against has changed since (a chunk migrated), so that the caller re-plans and reads again.
   */
  default boolean metadataChangedSincePlan() {
    return false;
  }

  /** Forgets the plan so that the next {@link #plan()} asks the cluster again. */
  default void replan() {}
}
