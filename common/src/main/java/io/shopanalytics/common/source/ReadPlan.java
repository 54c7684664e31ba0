package io.shopanalytics.common.source;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The partitions a strategy chose, why, and the metadata version it planned against (so that a
 * chunk migration during the read can be detected).
 */
public final class ReadPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String strategy;
  private final String reason;
  private final List<ReadPartition> partitions;
  private final String metadataVersion;

  public ReadPlan(String strategy, String reason, List<ReadPartition> partitions, String metadataVersion) {
    this.strategy = strategy;
    this.reason = reason;
    this.partitions = List.copyOf(partitions);
    this.metadataVersion = metadataVersion;
  }

  public String strategy() {
    return strategy;
  }

  /** Why this strategy and shape, in words (logged and shown by --dry-run). */
  public String reason() {
    return reason;
  }

  public List<ReadPartition> partitions() {
    return partitions;
  }

  /** Opaque version of the sharding metadata planned against, or null when unsharded. */
  public String metadataVersion() {
    return metadataVersion;
  }

  public long estimatedDocuments() {
    return partitions.stream().mapToLong(p -> Math.max(0, p.estimatedDocuments())).sum();
  }

  /** Partitions per shard ("unsharded" when none). */
  public Map<String, Long> partitionsPerShard() {
    Map<String, Long> counts = new TreeMap<>();
    for (ReadPartition p : partitions) {
      counts.merge(p.shard() == null ? "unsharded" : p.shard(), 1L, Long::sum);
    }
    return counts;
  }
}
