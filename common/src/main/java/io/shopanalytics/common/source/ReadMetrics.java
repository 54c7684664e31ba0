package io.shopanalytics.common.source;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Partitions, documents and seconds per shard, gathered from the read tasks through an accumulator:
 * one entry per partition read to its end. A partition computed more than once (a Dataset used
 * twice without persisting, a re-run stage) is counted once: entries are keyed by partition.
 */
public final class ReadMetrics implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LogManager.getLogger(ReadMetrics.class);

  private final CollectionAccumulator<PartitionRead> reads;
  /** Partitions whose reads no longer count (their ranges were read again under other partitions); driver side. */
  private final Set<Integer> excluded = new HashSet<>();

  public ReadMetrics(SparkContext context, String name) {
    this.reads = context.collectionAccumulator(name);
  }

  /** One partition's read: on which shard, how many documents, how long from query to last document. */
  record PartitionRead(int partition, String shard, long documents, long nanos) implements Serializable {}

  public void record(int partition, String shard, long documents, long nanos) {
    reads.add(new PartitionRead(partition, shard == null ? ReadPartition.UNATTRIBUTED : shard, documents, nanos));
  }

  /** Leaves these partitions' reads out of every figure (the source read their ranges again). */
  public void exclude(Collection<Integer> partitions) {
    excluded.addAll(partitions);
  }

  /**
   * Per shard (sorted by name): partitions, documents, task-seconds. A partition counts for the shard
   * that owned its range at planning time; its query went to every shard (mongos does not target by
   * {@code min}/{@code max}), the others returning nothing.
   */
  public Map<String, ShardReads> perShard() {
    Map<Integer, PartitionRead> byPartition = new HashMap<>();
    for (PartitionRead read : reads.value()) {
      if (!excluded.contains(read.partition())) {
        byPartition.putIfAbsent(read.partition(), read);
      }
    }
    Map<String, ShardReads> totals = new TreeMap<>();
    for (PartitionRead read : byPartition.values()) {
      totals.merge(read.shard(), new ShardReads(1, read.documents(), read.nanos() / 1e9), ShardReads::plus);
    }
    return totals;
  }

  /** Documents read in all. */
  public long documents() {
    return perShard().values().stream().mapToLong(ShardReads::documents).sum();
  }

  /** Documents read per shard, unattributed partitions left out. */
  public Map<String, Long> documentsPerShard() {
    Map<String, Long> documents = new TreeMap<>();
    perShard().forEach((shard, reads) -> {
      if (!shard.equals(ReadPartition.UNATTRIBUTED)) {
        documents.put(shard, reads.documents());
      }
    });
    return documents;
  }

  /** {@link ShardBalance#imbalance} of {@link #documentsPerShard()}; empty with fewer than two shards. */
  public OptionalDouble imbalance() {
    return ShardBalance.imbalance(documentsPerShard());
  }

  /**
   * Logs a warning when the imbalance exceeds {@code threshold} (the design alerts above 0.20).
   *
   * @return true when it did
   */
  public boolean warnIfImbalanced(double threshold) {
    OptionalDouble imbalance = imbalance();
    if (imbalance.isPresent() && imbalance.getAsDouble() > threshold) {
      LOG.warn("Shard imbalance {} exceeds {}: documents read per shard {} ((max - min) / mean)",
          String.format("%.2f", imbalance.getAsDouble()), threshold, documentsPerShard());
      return true;
    }
    return false;
  }

  /** One shard's reads. */
  public record ShardReads(long partitions, long documents, double seconds) implements Serializable {
    ShardReads plus(ShardReads other) {
      return new ShardReads(partitions + other.partitions, documents + other.documents, seconds + other.seconds);
    }
  }
}
