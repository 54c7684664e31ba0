package io.shopanalytics.common.source.reader;

import io.shopanalytics.common.mongo.ShardingMetadata.Chunk;
import io.shopanalytics.common.mongo.ShardingMetadata.State;
import io.shopanalytics.common.mongo.ShardingMetadata;
import io.shopanalytics.common.source.ReadPartition;
import java.util.List;
import java.util.Objects;

/**
 * Which partitions of a finished read must be read again, comparing ownership between the snapshot
 * the plan was made against and a snapshot taken after the read. Pure: no server.
 *
 * <p>A chunk's {@code lastmod} is {@code Timestamp(major, minor)}: a migration gives the moved
 * chunk a new major version above the collection's; splits and merges (the AutoMerger's every few
 * minutes) only raise minor versions and move no data. So a partition bound to a shard is read
 * again when a chunk overlapping its key range now lies on another shard, or carries a major
 * version above the planned collection's (it migrated, perhaps away and back). A partition bound to
 * no shard (time slices, {@code _id} ranges, the connector's) reads across all key ranges: it is
 * read again when any chunk migrated. A resharded, recreated, dropped or newly sharded collection
 * means everything. Splits and merges alone mean nothing.
 */
public final class MigrationCheck {
  private MigrationCheck() {}

  /**
   * @param planned the snapshot the plan was made against (null: nothing to compare, nothing stale)
   * @param now the snapshot after the read (null when it could not be read: nothing stale)
   */
  public static List<ReadPartition> stale(List<ReadPartition> partitions, ShardingMetadata planned,
      ShardingMetadata now) {
    if (planned == null || now == null) {
      return List.of();
    }
    boolean plannedChunks = hasChunks(planned);
    boolean nowChunks = hasChunks(now);
    if (!plannedChunks && !nowChunks) {
      return List.of();
    }
    if (plannedChunks != nowChunks || !Objects.equals(planned.incarnation(), now.incarnation())
        || !planned.shardKey().equals(now.shardKey())) {
      return partitions;
    }
    long plannedMajor = planned.majorVersion();
    boolean anyMigrated = now.chunks().stream().anyMatch(chunk -> migrated(chunk, plannedMajor));
    return partitions.stream().filter(partition -> {
      if (partition.shard() == null || partition.keyMin() == null) {
        return anyMigrated;
      }
      return now.overlapping(partition.keyMin(), partition.keyMax()).stream()
          .anyMatch(chunk -> !chunk.shard().equals(partition.shard()) || migrated(chunk, plannedMajor));
    }).toList();
  }

  private static boolean hasChunks(ShardingMetadata metadata) {
    return metadata.state() == State.SHARDED || metadata.state() == State.UNSPLITTABLE;
  }

  private static boolean migrated(Chunk chunk, long plannedMajor) {
    return (chunk.lastmod().getTime() & 0xffffffffL) > plannedMajor;
  }
}
