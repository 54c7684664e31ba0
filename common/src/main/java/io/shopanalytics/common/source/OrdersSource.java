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

  /** Per-shard figures of the last read (empty before the read has run). */
  ReadMetrics metrics();
}
