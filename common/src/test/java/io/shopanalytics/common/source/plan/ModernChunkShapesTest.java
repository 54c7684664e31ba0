package io.shopanalytics.common.source.plan;

import static io.shopanalytics.common.testing.RecordedConfig.E18;
import static io.shopanalytics.common.testing.RecordedConfig.ORDERS;
import static io.shopanalytics.common.testing.RecordedConfig.ORDERS_COLLECTION;
import static io.shopanalytics.common.testing.RecordedConfig.PRODUCTS;
import static io.shopanalytics.common.testing.RecordedConfig.PRODUCTS_COLLECTION;
import static io.shopanalytics.common.testing.RecordedConfig.PRODUCTS_ONE_CHUNK_PER_SHARD;
import static io.shopanalytics.common.testing.RecordedConfig.THIRD;
import static io.shopanalytics.common.testing.RecordedConfig.THREE_SHARDS;
import static io.shopanalytics.common.testing.RecordedConfig.UNSPLITTABLE_CHUNK;
import static io.shopanalytics.common.testing.RecordedConfig.UNSPLITTABLE_ORDERS;
import static io.shopanalytics.common.testing.RecordedConfig.byUuid;
import static io.shopanalytics.common.testing.RecordedConfig.document;
import static io.shopanalytics.common.testing.RecordedConfig.documents;
import static io.shopanalytics.common.testing.RecordedConfig.mergedChunks;
import static io.shopanalytics.common.testing.RecordedConfig.oneChunkPerShard;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.mongo.KeyOrder;
import io.shopanalytics.common.mongo.ShardingMetadata;
import io.shopanalytics.common.source.ReadPartition;
import io.shopanalytics.common.source.ReadPlan;
import io.shopanalytics.common.source.ReadScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

/**
 * Chunk metadata as MongoDB 7.0, 7.2 and 8.0 leave it (few chunks: one per shard, merged by the
 * AutoMerger, unsplittable collections): partitions follow the target size, cover the key space
 * exactly once, and each lies inside one chunk of the shard it is attributed to.
 */
class ModernChunkShapesTest {
  private static final int TARGET = 50_000;
  private static final ScopeEstimate MILLION = new ScopeEstimate(1_000_000, 1_000_000);

  private static ShardingMetadata orders(List<BsonDocument> chunks) {
    return ShardingMetadata.parse(ORDERS, document(ORDERS_COLLECTION), chunks, documents(THREE_SHARDS));
  }

  /** Sorted by key range, the partitions chain from all-MinKey to all-MaxKey without gap or overlap. */
  static void assertCoversKeySpaceOnce(List<ReadPartition> partitions, String field) {
    List<ReadPartition> sorted = new ArrayList<>(partitions);
    sorted.sort(Comparator.comparing(ReadPartition::keyMin, KeyOrder.BOUNDS));
    BsonDocument expected = new BsonDocument(field, new BsonMinKey());
    for (ReadPartition partition : sorted) {
      assertThat(partition.keyMin()).as("start of %s", partition).isEqualTo(expected);
      assertThat(KeyOrder.BOUNDS.compare(partition.keyMin(), partition.keyMax())).as("%s is empty", partition).isNegative();
      expected = partition.keyMax();
    }
    assertThat(expected).isEqualTo(new BsonDocument(field, new BsonMaxKey()));
  }

  static void assertEachInsideOneChunkOfItsShard(List<ReadPartition> partitions, ShardingMetadata metadata) {
    assertThat(partitions).allSatisfy(partition -> assertThat(metadata.chunks()).anySatisfy(chunk -> {
      assertThat(chunk.shard()).isEqualTo(partition.shard());
      assertThat(KeyOrder.within(partition.keyMin(), partition.keyMax(), chunk.min(), chunk.max())).isTrue();
    }));
  }

  private static String numberLong(long value) {
    return "{\"_id\": " + value + "}";
  }

  @Test
  void oneChunkPerShardOnAHashedKeyIsCutIntoEqualHashRangesOfAboutTheTarget() {
    ShardingMetadata metadata = orders(oneChunkPerShard(byUuid()));

    List<ReadPartition> partitions = ChunkPartitioning.partitions(metadata, new BsonDocument(), MILLION, TARGET);

    // each chunk holds a third of the hash space, 333,333 orders: ceil(333,333 / 50,000) = 7 pieces of 47,619
    assertThat(partitions).hasSize(21);
    assertThat(partitions).extracting(ReadPartition::estimatedDocuments).containsOnly(47_619L);
    ReadPlan plan = new ReadPlan(ChunksPlanner.NAME, "test", partitions, metadata);
    assertThat(plan.partitionsPerShard()).isEqualTo(Map.of("shard0", 7L, "shard1", 7L, "shard2", 7L));
    assertThat(plan.estimatedDocumentsPerShard()).isEqualTo(Map.of("shard0", 333_333L, "shard1", 333_333L,
        "shard2", 333_333L));
    // the first chunk [MinKey, -THIRD) spans 2^63 - THIRD = 6148914691236517206 hash values, cut into sevenths
    assertThat(partitions.get(0).min().toJson()).isEqualTo("{\"_id\": {\"$minKey\": 1}}");
    assertThat(partitions.get(0).max().toJson()).isEqualTo(numberLong(-8_344_955_652_392_416_208L));
    assertThat(partitions.get(6).min().toJson()).isEqualTo(numberLong(-3_952_873_730_080_618_203L));
    assertThat(partitions.get(6).max().toJson()).isEqualTo(numberLong(-THIRD));
    assertThat(partitions.get(7).min().toJson()).isEqualTo(numberLong(-THIRD));
    assertThat(partitions).allSatisfy(p -> {
      assertThat(p.hint()).isEqualTo(BsonDocument.parse("{_id: 'hashed'}"));
      assertThat(p.min()).isEqualTo(p.keyMin());
      assertThat(p.max()).isEqualTo(p.keyMax());
    });
    assertThat(partitions).extracting(ReadPartition::index).containsExactlyElementsOf(
        java.util.stream.IntStream.range(0, 21).boxed().toList());
    assertCoversKeySpaceOnce(partitions, "_id");
    assertEachInsideOneChunkOfItsShard(partitions, metadata);
  }

  @Test
  void chunksMergedByTheAutoMergerAreCutInProportionToTheirHashShare() {
    ShardingMetadata metadata = orders(mergedChunks(byUuid()));

    List<ReadPartition> partitions = ChunkPartitioning.partitions(metadata, new BsonDocument(), MILLION, TARGET);

    // 228,949 -> 5 pieces, 325,261 -> 7, 54,210 -> 2, 391,580 -> 8
    assertThat(partitions).hasSize(22);
    assertThat(new ReadPlan(ChunksPlanner.NAME, "test", partitions, metadata).partitionsPerShard())
        .isEqualTo(Map.of("shard0", 7L, "shard1", 7L, "shard2", 8L));
    assertThat(partitions).allSatisfy(p -> assertThat(p.estimatedDocuments()).isBetween(27_000L, (long) TARGET));
    assertThat(partitions.get(5).keyMin().toJson()).isEqualTo(numberLong(-5 * E18));
    assertCoversKeySpaceOnce(partitions, "_id");
    assertEachInsideOneChunkOfItsShard(partitions, metadata);
  }

  @Test
  void rangedOneChunkPerShardIsSplitAtValuesOfTheKeysDistribution() {
    ShardingMetadata metadata = ShardingMetadata.parse(PRODUCTS, document(PRODUCTS_COLLECTION),
        documents(PRODUCTS_ONE_CHUNK_PER_SHARD), documents(THREE_SHARDS));
    List<String> asked = new ArrayList<>();
    KeySplitter distribution = (field, lower, upper, target) -> {
      asked.add(field + " " + lower + " " + upper + " " + target);
      // the middle chunk holds two categories only: one split point however many pieces were wanted
      List<String> points = upper.isString() && upper.asString().getValue().equals("Electronics")
          ? List.of("Books", "Clothing") : lower.isString() && lower.asString().getValue().equals("Electronics")
          ? List.of("Garden") : List.of("Sports", "Toys");
      return new KeySplitter.Split(points.stream().map(point -> (BsonValue) new BsonString(point)).toList(), 300);
    };

    List<ReadPartition> partitions = ChunkPartitioning.partitions(metadata, new BsonDocument(), new ScopeEstimate(900, 900),
        100, distribution);

    assertThat(asked).hasSize(3).allSatisfy(question -> assertThat(question).startsWith("category").endsWith(" 100"));
    assertThat(partitions).extracting(p -> p.keyMin().get("category").isString() ? p.keyMin().getString("category")
        .getValue() : "MinKey").containsExactly("MinKey", "Books", "Clothing", "Electronics", "Garden", "Home", "Sports", "Toys");
    assertThat(partitions).extracting(ReadPartition::shard).containsExactly("shard0", "shard0", "shard0", "shard1", "shard1",
        "shard2", "shard2", "shard2");
    assertThat(partitions.get(1).filter()).isEqualTo(BsonDocument.parse("{category: {$gte: 'Books', $lt: 'Clothing'}}"));
    assertThat(partitions).extracting(ReadPartition::min).containsOnlyNulls();
    // each chunk counted 300 documents: thirds, and halves where one split point was all the data allowed
    assertThat(partitions).extracting(ReadPartition::estimatedDocuments).containsExactly(100L, 100L, 100L, 150L, 150L,
        100L, 100L, 100L);
    assertCoversKeySpaceOnce(partitions, "category");
    assertEachInsideOneChunkOfItsShard(partitions, metadata);
  }

  @Test
  void anUnsplittableCollectionIsNotSharded() {
    ShardingMetadata metadata = ShardingMetadata.parse(ORDERS, document(UNSPLITTABLE_ORDERS), documents(UNSPLITTABLE_CHUNK),
        documents(THREE_SHARDS));

    assertThat(metadata.state()).isEqualTo(ShardingMetadata.State.UNSPLITTABLE);
    assertThat(metadata.chunks()).singleElement().extracting(ShardingMetadata.Chunk::shard).isEqualTo("shard1");
  }

  /**
   * The "Done when" figure: what {@code --dry-run} shows for 1,000,000 orders with one chunk per
   * shard on 3 shards and the default target of 50,000 (recorded metadata).
   */
  @Test
  void dryRunPlanOfAMillionOrdersWithOneChunkPerShard() {
    ShardingMetadata metadata = orders(oneChunkPerShard(byUuid()));
    List<ReadPartition> partitions = ChunkPartitioning.partitions(metadata, ReadScope.everything().filter(), MILLION,
        io.shopanalytics.common.config.SettingKeys.DEFAULT_PARTITION_DOCS);
    ReadPlan plan = new ReadPlan(ChunksPlanner.NAME, "recorded metadata: " + metadata, partitions, metadata)
        .asRun(null, "secondary");

    String described = plan.describe();
    System.out.println(described);

    assertThat(plan.partitions()).hasSize(21);
    assertThat(plan.estimatedDocuments()).isEqualTo(999_999L);
    assertThat(described).contains("partitions: 21, estimated documents: 999999")
        .contains("  shard0: 7 partitions over its ranges, about 333333 documents")
        .contains("  shard1: 7 partitions over its ranges, about 333333 documents")
        .contains("  shard2: 7 partitions over its ranges, about 333333 documents")
        .contains("every partition's query is sent to every shard");
    assertThat(plan.partitions()).extracting(ReadPartition::estimatedDocuments).containsOnly(47_619L);
  }
}
