package io.shopanalytics.common.source.reader;

import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.mongo.ConfigMetadataReader;
import io.shopanalytics.common.mongo.MetadataAccessDenied;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.mongo.ShardingMetadata;
import io.shopanalytics.common.source.ReadPartition;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Takes snapshots of a collection's sharding metadata and, after a read, tells which partitions
 * must be read again ({@link MigrationCheck}).
 *
 * <p>Why check at all, when mongos-routed reads are already free of orphans and of lost ranges
 * (see {@code ChunksPlanner})? Two reasons. A cursor on a secondary keeps reading a range after its
 * chunk migrated away, and the donor deletes the range once {@code orphanCleanupDelaySecs} (15
 * minutes by default) have passed and queries on its primary are done; it cannot wait for queries
 * on its secondaries. A partition read that ran that long on a secondary could then miss documents
 * that moved. And the plan's shard attribution (locality, per-shard metrics) is stale after a
 * migration. Only the partitions whose ranges moved are read again (see docs/ARCHITECTURE.md, reading a sharded cluster).
 *
 * <p>Least privilege: a user without {@code read} on {@code config} (or {@code clusterMonitor})
 * cannot take snapshots. The read then goes on without the check, after one WARN saying so
 * ({@link MetadataAccessDenied#warnOnce}).
 */
public final class MetadataWatch {
  private static final Logger LOG = LogManager.getLogger(MetadataWatch.class);

  private final MongoSettings settings;
  private final String namespace;
  private ShardingMetadata latest;

  public MetadataWatch(MongoSettings settings, String collection) {
    this.settings = settings;
    this.namespace = settings.database() + "." + collection;
  }

  /** The current metadata, or null when this user may not read it (after one WARN). */
  public ShardingMetadata snapshot() {
    try {
      return ConfigMetadataReader.read(MongoClientCache.get(settings.readUri()), namespace);
    } catch (MetadataAccessDenied e) {
      e.warnOnce();
      return null;
    }
  }

  /**
   * The partitions of {@code partitions} that must be read again, compared with a new snapshot
   * (kept for {@link #latest()}); none when {@code planned} is null (nothing to compare with).
   */
  public List<ReadPartition> stale(List<ReadPartition> partitions, ShardingMetadata planned) {
    if (planned == null) {
      latest = null;
      return List.of();
    }
    latest = snapshot();
    List<ReadPartition> stale = MigrationCheck.stale(partitions, planned, latest);
    if (!stale.isEmpty()) {
      LOG.warn("Chunks of {} moved during the read (planned against [{}], now [{}]): {} of {} partitions to read again",
          namespace, planned.version(), latest == null ? "unreadable" : latest.version(), stale.size(), partitions.size());
    } else if (latest != null && !java.util.Objects.equals(planned.version(), latest.version())) {
      LOG.info("Sharding metadata of {} changed during the read ([{}] to [{}]) but no partition's range changed owner "
          + "or migrated (splits and merges move no data): nothing to read again", namespace, planned.version(),
          latest.version());
    }
    return stale;
  }

  /** The snapshot the last {@link #stale} compared with (null before, or when unreadable). */
  public ShardingMetadata latest() {
    return latest;
  }
}
