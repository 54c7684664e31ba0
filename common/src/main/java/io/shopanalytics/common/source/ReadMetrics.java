package io.shopanalytics.common.source;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Documents and seconds per shard, gathered from the read tasks through an accumulator (one entry
 * per completed partition read).
 */
public final class ReadMetrics implements Serializable {
  private static final long serialVersionUID = 1L;

  private final CollectionAccumulator<String[]> reads;

  public ReadMetrics(SparkContext context, String name) {
    this.reads = context.collectionAccumulator(name);
  }

  void record(String shard, long documents, long nanos) {
    reads.add(new String[] {shard == null ? "unsharded" : shard, Long.toString(documents), Long.toString(nanos)});
  }

  /** Per shard: partitions, documents, task-seconds. */
  public Map<String, ShardReads> perShard() {
    Map<String, ShardReads> totals = new TreeMap<>();
    List<String[]> entries = reads.value();
    for (String[] entry : entries) {
      totals.merge(entry[0], new ShardReads(1, Long.parseLong(entry[1]), Long.parseLong(entry[2]) / 1e9), ShardReads::plus);
    }
    return totals;
  }

  /** One shard's reads. */
  public record ShardReads(long partitions, long documents, double seconds) implements Serializable {
    ShardReads plus(ShardReads other) {
      return new ShardReads(partitions + other.partitions, documents + other.documents, seconds + other.seconds);
    }
  }
}
