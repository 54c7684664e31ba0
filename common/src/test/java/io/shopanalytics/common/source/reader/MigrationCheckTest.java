package io.shopanalytics.common.source.reader;

import static io.shopanalytics.common.testing.RecordedConfig.ORDERS;
import static io.shopanalytics.common.testing.RecordedConfig.ORDERS_COLLECTION;
import static io.shopanalytics.common.testing.RecordedConfig.THIRD;
import static io.shopanalytics.common.testing.RecordedConfig.THREE_SHARDS;
import static io.shopanalytics.common.testing.RecordedConfig.UNSPLITTABLE_CHUNK;
import static io.shopanalytics.common.testing.RecordedConfig.UNSPLITTABLE_ORDERS;
import static io.shopanalytics.common.testing.RecordedConfig.byUuid;
import static io.shopanalytics.common.testing.RecordedConfig.chunks;
import static io.shopanalytics.common.testing.RecordedConfig.document;
import static io.shopanalytics.common.testing.RecordedConfig.documents;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.mongo.ShardingMetadata;
import io.shopanalytics.common.source.ReadPartition;
import io.shopanalytics.common.source.ReadPlan;
import io.shopanalytics.common.source.ReadScope;
import io.shopanalytics.common.source.plan.ChunksPlanner;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/**
 * Ownership comparison after a read: merges and splits (minor versions) re-read nothing; a
 * migration re-reads only the partitions whose ranges moved, and those are re-planned under their
 * new owners.
 */
class MigrationCheckTest {
  private static final String[] ONE_PER_SHARD = {"shard1", "shard0", "shard2"};
  /** Planned: one chunk per shard, collection version 3|3. */
  private static final ShardingMetadata PLANNED = orders(new long[] {-THIRD, THIRD}, ONE_PER_SHARD, new int[] {1, 2, 3}, 3);

  private static ShardingMetadata orders(long[] bounds, String[] shards, int[] minors, int major) {
    List<BsonDocument> chunks = chunks(byUuid(), bounds, shards, minors);
    for (BsonDocument chunk : chunks) {
      int minor = chunk.getTimestamp("lastmod").getInc();
      boolean moved = major > 3 && minor == 99;
      chunk.put("lastmod", new org.bson.BsonTimestamp(moved ? major : 3, minor));
    }
    return ShardingMetadata.parse(ORDERS, document(ORDERS_COLLECTION), chunks, documents(THREE_SHARDS));
  }

  private static List<ReadPartition> planned() {
    // 3 chunks of 333,333 orders at a target of 100,000: 4 partitions each, 12 in all
    return new ReadPlan("chunks", "", io.shopanalytics.common.source.plan.TestPlans.partitions(PLANNED, 1_000_000, 100_000),
        PLANNED).partitions();
  }

  @Test
  void splitsAndMergesMoveNoDataAndReReadNothing() {
    // the middle chunk split at 0 then merged back by the AutoMerger: minor versions only
    ShardingMetadata split = orders(new long[] {-THIRD, 0, THIRD}, new String[] {"shard1", "shard0", "shard0", "shard2"},
        new int[] {1, 4, 5, 3}, 3);
    ShardingMetadata merged = orders(new long[] {-THIRD, THIRD}, ONE_PER_SHARD, new int[] {1, 6, 3}, 3);

    assertThat(split.version()).isNotEqualTo(PLANNED.version());
    assertThat(MigrationCheck.stale(planned(), PLANNED, split)).isEmpty();
    assertThat(MigrationCheck.stale(planned(), PLANNED, merged)).isEmpty();
  }

  @Test
  void aMigrationReReadsOnlyThePartitionsOfTheRangeThatMoved() {
    // moveRange [0, THIRD) from shard0 to shard2: that range is a new chunk with major version 4
    ShardingMetadata moved = orders(new long[] {-THIRD, 0, THIRD}, new String[] {"shard1", "shard0", "shard2", "shard2"},
        new int[] {1, 4, 99, 3}, 4);
    List<ReadPartition> partitions = planned();

    List<ReadPartition> stale = MigrationCheck.stale(partitions, PLANNED, moved);

    // shard0's four partitions cut [-THIRD, THIRD) in quarters: the last two lie in [0, THIRD)
    assertThat(stale).extracting(ReadPartition::index).containsExactly(6, 7);
    List<ReadPartition> again = ChunksPlanner.reassign(moved, stale, new BsonDocument(), 12);
    assertThat(again).extracting(ReadPartition::shard).containsExactly("shard2", "shard2");
    assertThat(again).extracting(ReadPartition::index).containsExactly(12, 13);
    assertThat(again).extracting(ReadPartition::keyMin).containsExactly(stale.get(0).keyMin(), stale.get(1).keyMin());
    assertThat(again).extracting(ReadPartition::min).containsExactly(stale.get(0).min(), stale.get(1).min());
    assertThat(again).extracting(ReadPartition::max).containsExactly(stale.get(0).max(), stale.get(1).max());
  }

  @Test
  void aPartitionStraddlingANewOwnersBoundIsReadAgainInTwoPieces() {
    // moveRange [THIRD / 2, THIRD) only: shard0's third partition [0, THIRD / 2) stays, its fourth moves
    long half = THIRD / 2;
    ShardingMetadata moved = orders(new long[] {-THIRD, half + 7, THIRD}, new String[] {"shard1", "shard0", "shard2", "shard2"},
        new int[] {1, 4, 99, 3}, 4);

    List<ReadPartition> stale = MigrationCheck.stale(planned(), PLANNED, moved);
    List<ReadPartition> again = ChunksPlanner.reassign(moved, stale, new BsonDocument(), 12);

    assertThat(stale).extracting(ReadPartition::index).containsExactly(7);
    assertThat(again).extracting(ReadPartition::shard).containsExactly("shard0", "shard2");
    assertThat(again.get(0).keyMin()).isEqualTo(stale.get(0).keyMin());
    assertThat(again.get(0).keyMax().toJson()).isEqualTo("{\"_id\": " + (half + 7) + "}");
    assertThat(again.get(1).keyMin().toJson()).isEqualTo("{\"_id\": " + (half + 7) + "}");
    assertThat(again.get(1).keyMax()).isEqualTo(stale.get(0).keyMax());
  }

  @Test
  void partitionsBoundToNoShardAreAllReadAgainAfterAMigrationOnly() {
    List<ReadPartition> slices = List.of(ReadPartition.builder(0).filter(ReadScope.everything().filter()).build(),
        ReadPartition.builder(1).filter(BsonDocument.parse("{created_at: {$not: {$type: 'date'}}}")).build());
    ShardingMetadata merged = orders(new long[] {-THIRD, THIRD}, ONE_PER_SHARD, new int[] {1, 6, 3}, 3);
    ShardingMetadata moved = orders(new long[] {-THIRD, 0, THIRD}, new String[] {"shard1", "shard0", "shard2", "shard2"},
        new int[] {1, 4, 99, 3}, 4);

    assertThat(MigrationCheck.stale(slices, PLANNED, merged)).isEmpty();
    assertThat(MigrationCheck.stale(slices, PLANNED, moved)).isEqualTo(slices);
  }

  @Test
  void aCollectionMovedOrReshardedOrUnreadableMeansEverythingOrNothing() {
    ShardingMetadata unsplittable = ShardingMetadata.parse(ORDERS, document(UNSPLITTABLE_ORDERS),
        documents(UNSPLITTABLE_CHUNK), documents(THREE_SHARDS));
    ShardingMetadata unsharded = ShardingMetadata.parse(ORDERS, null, List.of(), List.of());

    assertThat(MigrationCheck.stale(planned(), PLANNED, unsplittable)).hasSize(12);
    assertThat(MigrationCheck.stale(planned(), PLANNED, unsharded)).hasSize(12);
    assertThat(MigrationCheck.stale(planned(), PLANNED, null)).isEmpty();
    assertThat(MigrationCheck.stale(planned(), null, PLANNED)).isEmpty();
    assertThat(MigrationCheck.stale(planned(), unsharded, unsharded)).isEmpty();
  }
}
