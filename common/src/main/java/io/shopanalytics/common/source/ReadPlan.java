package io.shopanalytics.common.source;

import io.shopanalytics.common.mongo.ShardingMetadata;
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
  /** The snapshot the partitions were cut from; driver-side only (plans are not sent to executors whole). */
  private final transient ShardingMetadata metadata;

  /** A plan made without chunk metadata (time slices, _id ranges, the connector's). */
  public ReadPlan(String strategy, String reason, List<ReadPartition> partitions) {
    this(strategy, reason, partitions, null, null, null);
  }

  /** A plan cut from chunk metadata: its version is the snapshot's own. */
  public ReadPlan(String strategy, String reason, List<ReadPartition> partitions, ShardingMetadata metadata) {
    this(strategy, reason, partitions, metadata.version(), null, metadata);
  }

  private ReadPlan(String strategy, String reason, List<ReadPartition> partitions, String metadataVersion,
      String readPreference, ShardingMetadata metadata) {
    this.strategy = strategy;
    this.reason = reason;
    this.partitions = List.copyOf(partitions);
    this.metadataVersion = metadataVersion;
    this.readPreference = readPreference;
    this.metadata = metadata;
  }

  /** The same plan with a reason put in front (what {@code auto} decided, before the chosen plan's own). */
  public ReadPlan withReasonPrefix(String prefix) {
    return new ReadPlan(strategy, prefix + "; " + reason, partitions, metadataVersion, readPreference, metadata);
  }

  /**
   * The same plan as the source runs it: against the metadata snapshot the check after the read
   * compares with (the planner's own when it cut the plan from chunks, else one taken before
   * planning; null when there is none), with the read preference every partition's read uses.
   */
  public ReadPlan asRun(ShardingMetadata plannedAgainst, String effectiveReadPreference) {
    ShardingMetadata snapshot = metadata != null ? metadata : plannedAgainst;
    return new ReadPlan(strategy, reason, partitions, snapshot == null ? null : snapshot.version(),
        effectiveReadPreference, snapshot);
  }

  /** The same plan with other partitions (a re-read of some ranges), against a newer snapshot. */
  public ReadPlan withPartitions(String newReason, List<ReadPartition> newPartitions, ShardingMetadata snapshot) {
    return new ReadPlan(strategy, newReason, newPartitions, snapshot == null ? null : snapshot.version(), readPreference,
        snapshot);
  }

  /** The metadata snapshot the plan was made against (driver side), or null. */
  public ShardingMetadata metadata() {
    return metadata;
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

  /**
   * What {@code --dry-run} prints: strategy, reason, partitions and estimated documents per shard.
   * Per-shard lines count the partitions whose range a shard owned at planning time; mongos does not
   * target a query by {@code min}/{@code max}, so each partition's query still goes to every shard
   * (the others return nothing), and one unreadable shard fails every partition. Said in the text.
   */
  public String describe() {
    StringBuilder text = new StringBuilder()
        .append("strategy: ").append(strategy).append('\n')
        .append("reason: ").append(reason).append('\n')
        .append("read preference: ").append(readPreference == null ? "(not set)" : readPreference).append('\n')
        .append("partitions: ").append(partitions.size()).append(", estimated documents: ")
        .append(estimatedDocuments()).append('\n');
    Map<String, Long> documents = estimatedDocumentsPerShard();
    Map<String, Long> perShard = partitionsPerShard();
    perShard.forEach((shard, count) -> text.append("  ").append(shard).append(": ").append(count)
        .append(shard.equals(ReadPartition.UNATTRIBUTED) ? " partitions bound to no shard" : " partitions over its ranges")
        .append(", about ").append(documents.get(shard)).append(" documents\n"));
    if (perShard.keySet().stream().anyMatch(shard -> !shard.equals(ReadPartition.UNATTRIBUTED))) {
      text.append("note: mongos does not target a query by min/max: every partition's query is sent to every shard, "
          + "the shards that do not own its range return nothing, and one unreadable shard fails every partition; "
          + "per-shard figures are the ranges each shard owned at planning time\n");
    }
    return text.toString();
  }
}
