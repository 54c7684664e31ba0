package io.shopanalytics.common.source.plan;

import static io.shopanalytics.common.testing.RecordedConfig.E18;
import static io.shopanalytics.common.testing.RecordedConfig.ONE_SHARD;
import static io.shopanalytics.common.testing.RecordedConfig.ORDERS;
import static io.shopanalytics.common.testing.RecordedConfig.ORDERS_COLLECTION;
import static io.shopanalytics.common.testing.RecordedConfig.ORDERS_COLLECTION_44;
import static io.shopanalytics.common.testing.RecordedConfig.PRODUCTS;
import static io.shopanalytics.common.testing.RecordedConfig.PRODUCTS_CHUNKS;
import static io.shopanalytics.common.testing.RecordedConfig.PRODUCTS_COLLECTION;
import static io.shopanalytics.common.testing.RecordedConfig.THREE_SHARDS;
import static io.shopanalytics.common.testing.RecordedConfig.byNs;
import static io.shopanalytics.common.testing.RecordedConfig.byUuid;
import static io.shopanalytics.common.testing.RecordedConfig.document;
import static io.shopanalytics.common.testing.RecordedConfig.documents;
import static io.shopanalytics.common.testing.RecordedConfig.ordersChunks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.shopanalytics.common.mongo.ShardingMetadata;
import io.shopanalytics.common.source.ReadPartition;
import io.shopanalytics.common.source.ReadScope;
import io.shopanalytics.common.time.Period;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class ChunkPartitioningTest {
  private static final String[] SHARDS = {"shard0", "shard1", "shard2"};
  private static final BsonDocument SCOPE = ReadScope.between(Period.of(2024, 3).start(), Period.of(2024, 4).start()).filter();
  /** 1200 orders, a quarter of them in scope. */
  private static final ScopeEstimate ESTIMATE = new ScopeEstimate(1200, 300);

  private static ShardingMetadata orders(String collection, List<BsonDocument> chunks, String shards) {
    return ShardingMetadata.parse(ORDERS, document(collection), chunks, documents(shards));
  }

  private static String json(BsonDocument document) {
    return document == null ? null : document.toJson();
  }

  private static String numberLong(long value) {
    return "{\"_id\": " + value + "}";
  }

  @Test
  void hashedChunksGetHintAndMinMaxBoundsAndEstimatesFromTheirShareOfTheHashSpace() {
    ShardingMetadata metadata = orders(ORDERS_COLLECTION, ordersChunks(byUuid(), SHARDS), THREE_SHARDS);

    double[] estimates = ChunkPartitioning.chunkEstimates(metadata, 1200);
    // [MinKey, -6e18) spans 2^63 - 6e18 of the 2^64 hash values; [-6e18, -3e18) spans 3e18
    assertThat(estimates[0]).isCloseTo(1200 * 3223372036854775808.0 / 18446744073709551616.0, offset(1e-9));
    assertThat(estimates[1]).isCloseTo(1200 * 3e18 / 18446744073709551616.0, offset(1e-9));

    // pairs of one shard hold 404.8, 390.3 and 404.8 documents: a target of 450 merges each pair
    List<ReadPartition> partitions = ChunkPartitioning.partitions(metadata, SCOPE, ESTIMATE, 450);

    assertThat(partitions).extracting(ReadPartition::shard).containsExactly("shard0", "shard1", "shard2");
    assertThat(partitions).extracting(p -> json(p.min())).containsExactly(
        "{\"_id\": {\"$minKey\": 1}}", numberLong(-3 * E18), numberLong(3 * E18));
    assertThat(partitions).extracting(p -> json(p.max())).containsExactly(
        numberLong(-3 * E18), numberLong(3 * E18), "{\"_id\": {\"$maxKey\": 1}}");
    assertThat(partitions).extracting(p -> json(p.hint())).containsOnly("{\"_id\": \"hashed\"}");
    assertThat(partitions).extracting(ReadPartition::filter).containsOnly(SCOPE);
    assertThat(partitions).extracting(ReadPartition::preferredHosts).containsExactly(
        List.of("h0a.example", "h0b.example"), List.of("h1a.example", "h1b.example"), List.of("h2a.example"));
    assertThat(partitions).extracting(ReadPartition::estimatedDocuments).containsExactly(101L, 98L, 101L);
    assertThat(partitions).extracting(ReadPartition::index).containsExactly(0, 1, 2);
  }

  @Test
  void aTargetBelowAPairSplitsItButMergesThePairThatFits() {
    ShardingMetadata metadata = orders(ORDERS_COLLECTION, ordersChunks(byUuid(), SHARDS), THREE_SHARDS);

    List<ReadPartition> partitions = ChunkPartitioning.partitions(metadata, SCOPE, ESTIMATE, 400);

    assertThat(partitions).extracting(ReadPartition::shard).containsExactly("shard0", "shard0", "shard1", "shard2", "shard2");
    assertThat(partitions).extracting(p -> json(p.min())).containsExactly("{\"_id\": {\"$minKey\": 1}}",
        numberLong(-6 * E18), numberLong(-3 * E18), numberLong(3 * E18), numberLong(6 * E18));
  }

  @Test
  void olderClustersNsShapePlansTheSamePartitions() {
    List<ReadPartition> current = ChunkPartitioning.partitions(
        orders(ORDERS_COLLECTION, ordersChunks(byUuid(), SHARDS), THREE_SHARDS), SCOPE, ESTIMATE, 450);
    List<ReadPartition> older = ChunkPartitioning.partitions(
        orders(ORDERS_COLLECTION_44, ordersChunks(byNs(ORDERS), SHARDS), THREE_SHARDS), SCOPE, ESTIMATE, 450);

    assertThat(older).extracting(ReadPartition::toString).containsExactlyElementsOf(
        current.stream().map(ReadPartition::toString).toList());
  }

  @Test
  void oneShardMergesAdjacentChunksUpToTheTarget() {
    ShardingMetadata metadata = orders(ORDERS_COLLECTION, ordersChunks(byUuid(), "shard0"), ONE_SHARD);

    List<ReadPartition> partitions = ChunkPartitioning.partitions(metadata, SCOPE, ESTIMATE, 450);

    // 209.7 + 195.2 fit, a third chunk would not: three runs of two chunks
    assertThat(partitions).extracting(ReadPartition::shard).containsOnly("shard0");
    assertThat(partitions).extracting(p -> json(p.min())).containsExactly(
        "{\"_id\": {\"$minKey\": 1}}", numberLong(-3 * E18), numberLong(3 * E18));
    // and a target above the whole collection gives one partition
    assertThat(ChunkPartitioning.partitions(metadata, SCOPE, ESTIMATE, 5000)).hasSize(1);
    // a target below every chunk gives one partition per chunk
    assertThat(ChunkPartitioning.partitions(metadata, SCOPE, ESTIMATE, 1)).hasSize(6);
  }

  @Test
  void rangedKeyPartitionsCarryTheTypeCompleteRangeFilterAndTheHintButNoMinMax() {
    ShardingMetadata metadata = ShardingMetadata.parse(PRODUCTS, document(PRODUCTS_COLLECTION), documents(PRODUCTS_CHUNKS),
        documents(THREE_SHARDS));

    List<ReadPartition> partitions = ChunkPartitioning.partitions(metadata, new BsonDocument(), new ScopeEstimate(90, 90), 1000);

    // shard0's two chunks are not adjacent: not merged
    assertThat(partitions).extracting(ReadPartition::shard).containsExactly("shard0", "shard1", "shard0");
    assertThat(partitions).extracting(p -> json(p.filter())).containsExactly(
        "{\"$or\": [{\"category\": null}, {\"category\": {\"$type\": [\"minKey\", \"number\"]}}, "
            + "{\"category\": {\"$lt\": \"Books\"}}]}",
        "{\"category\": {\"$gte\": \"Books\", \"$lt\": \"Garden\"}}",
        "{\"$or\": [{\"category\": {\"$gte\": \"Garden\"}}, {\"category\": {\"$type\": [\"object\", \"array\", \"binData\", "
            + "\"objectId\", \"bool\", \"date\", \"timestamp\", \"regex\", \"maxKey\"]}}]}");
    assertThat(partitions).extracting(p -> json(p.hint())).containsOnly("{\"category\": 1}");
    assertThat(partitions).extracting(ReadPartition::min).containsOnlyNulls();
    assertThat(partitions).extracting(ReadPartition::max).containsOnlyNulls();
    assertThat(partitions).extracting(ReadPartition::estimatedDocuments).containsExactly(30L, 30L, 30L);
  }

  @Test
  void rangedPartitionsAndTheScopeAreCombined() {
    ShardingMetadata metadata = ShardingMetadata.parse(PRODUCTS, document(PRODUCTS_COLLECTION), documents(PRODUCTS_CHUNKS),
        documents(THREE_SHARDS));

    ReadPartition middle = ChunkPartitioning.partitions(metadata, SCOPE, ESTIMATE, 1000).get(1);

    assertThat(middle.filter()).isEqualTo(BsonDocument.parse("{$and: [" + SCOPE.toJson()
        + ", {category: {$gte: 'Books', $lt: 'Garden'}}]}"));
  }
}
