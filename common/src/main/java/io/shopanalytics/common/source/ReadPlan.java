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
  private final String readPreference;

  public ReadPlan(String strategy, String reason, List<ReadPartition> partitions, String metadataVersion) {
    this(strategy, reason, partitions, metadataVersion, null);
  }

  private ReadPlan(String strategy, String reason, List<ReadPartition> partitions, String metadataVersion,
      String readPreference) {
    this.strategy = strategy;
    this.reason = reason;
    this.partitions = List.copyOf(partitions);
    this.metadataVersion = metadataVersion;
    this.readPreference = readPreference;
  }

  /** The same plan with a reason put in front (what {@code auto} decided, before the chosen plan's own). */
  public ReadPlan withReasonPrefix(String prefix) {
    return new ReadPlan(strategy, prefix + "; " + reason, partitions, metadataVersion, readPreference);
  }

  /**
   * The same plan as the source runs it: against the metadata version recorded before planning,
   * with the read preference every partition's read uses.
   */
  public ReadPlan asRun(String plannedAgainstVersion, String effectiveReadPreference) {
    return new ReadPlan(strategy, reason, partitions, plannedAgainstVersion, effectiveReadPreference);
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

  /** The read preference of the reads, e.g. {@code secondary maxStaleness=120s}; null until a source runs the plan. */
  public String readPreference() {
    return readPreference;
  }

  public long estimatedDocuments() {
    return partitions.stream().mapToLong(p -> Math.max(0, p.estimatedDocuments())).sum();
  }

  /** Partitions per shard ({@link ReadPartition#UNATTRIBUTED} for those bound to no shard). */
  public Map<String, Long> partitionsPerShard() {
    Map<String, Long> counts = new TreeMap<>();
    for (ReadPartition p : partitions) {
      counts.merge(p.shardLabel(), 1L, Long::sum);
    }
    return counts;
  }

  /** Estimated documents per shard (unknown estimates count as 0). */
  public Map<String, Long> estimatedDocumentsPerShard() {
    Map<String, Long> documents = new TreeMap<>();
    for (ReadPartition p : partitions) {
      documents.merge(p.shardLabel(), Math.max(0, p.estimatedDocuments()), Long::sum);
    }
    return documents;
  }

  /** What {@code --dry-run} prints: strategy, reason, partitions and estimated documents per shard. */
  public String describe() {
    StringBuilder text = new StringBuilder()
        .append("strategy: ").append(strategy).append('\n')
        .append("reason: ").append(reason).append('\n')
        .append("read preference: ").append(readPreference == null ? "(not set)" : readPreference).append('\n')
        .append("partitions: ").append(partitions.size()).append(", estimated documents: ")
        .append(estimatedDocuments()).append('\n');
    Map<String, Long> documents = estimatedDocumentsPerShard();
    partitionsPerShard().forEach((shard, count) -> text.append("  ").append(shard).append(": ").append(count)
        .append(" partitions, about ").append(documents.get(shard)).append(" documents\n"));
    return text.toString();
  }
}
