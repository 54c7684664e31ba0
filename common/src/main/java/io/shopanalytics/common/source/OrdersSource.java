package io.shopanalytics.common.source;

import java.util.List;
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
   * Called after the read has been materialized: the partitions whose key range changed owner or
   * migrated during the read, comparing the metadata snapshot the plan was made from with a new one
   * (splits and merges, which move no data, count for nothing). Empty when the read stands; asked
   * again, it compares again. A non-empty answer holds until {@link #replan()}.
   */
  default List<ReadPartition> partitionsToReread() {
    return List.of();
  }

  /** True when {@link #partitionsToReread()} is not empty: the caller calls {@link #replan()} and reads again. */
  default boolean metadataChangedSincePlan() {
    return !partitionsToReread().isEmpty();
  }

  /**
   * Prepares the next {@link #read}: it reads the partitions {@link #partitionsToReread()} reported
   * again, under their current owners, and keeps the rows of the others where the source can
   * (otherwise it plans and reads everything again).
   */
  default void replan() {}
}
