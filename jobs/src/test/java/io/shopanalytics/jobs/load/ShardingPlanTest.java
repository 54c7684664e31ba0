package io.shopanalytics.jobs.load;

import io.shopanalytics.common.mongo.SourceCollections;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.jobs.testing.EmbeddedMongoExtension;
import java.util.List;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ShardingPlanTest {
  @RegisterExtension
  static final EmbeddedMongoExtension MONGO = new EmbeddedMongoExtension();

  static final List<String> CATEGORIES = List.of("Electronics", "Fashion", "Home & Kitchen", "Books");

  @Test
  void threeShardsOn7PinTheTwoMostPopularCategoriesAndLetTheServerPreSplit() {
    Topology topology = Topology.mongos(List.of("shard-c", "shard-a", "shard-b"), 7);

    ShardingPlan plan = ShardingPlan.of(topology, "shop", CATEGORIES);

    assertThat(plan.skipped()).isFalse();
    assertThat(plan.skipReason()).isNull();
    assertThat(plan.commands()).containsExactlyElementsOf(parse(
        "{enableSharding: 'shop'}",
        "{shardCollection: 'shop.orders', key: {_id: 'hashed'}}",
        "{shardCollection: 'shop.users', key: {email: 'hashed'}}",
        "{addShardToZone: 'shard-a', zone: 'products-electronics'}",
        "{updateZoneKeyRange: 'shop.products', min: {category: 'Electronics'}, max: {category: 'Electronics\\u0000'},"
            + " zone: 'products-electronics'}",
        "{addShardToZone: 'shard-b', zone: 'products-fashion'}",
        "{updateZoneKeyRange: 'shop.products', min: {category: 'Fashion'}, max: {category: 'Fashion\\u0000'},"
            + " zone: 'products-fashion'}",
        "{shardCollection: 'shop.products', key: {category: 1}}"));
  }

  @Test
  void oneShardOn6HasNoZonesAndPreSplitsTheHashedCollections() {
    ShardingPlan plan = ShardingPlan.of(Topology.mongos(List.of("rs0"), 6), "analytics_db", CATEGORIES);

    assertThat(plan.commands()).containsExactlyElementsOf(parse(
        "{enableSharding: 'analytics_db'}",
        "{shardCollection: 'analytics_db.orders', key: {_id: 'hashed'}, numInitialChunks: 4}",
        "{shardCollection: 'analytics_db.users', key: {email: 'hashed'}, numInitialChunks: 4}",
        "{shardCollection: 'analytics_db.products', key: {category: 1}}"));
  }

  @Test
  void moreShardsThanCategoriesPinEachCategoryOnce() {
    ShardingPlan plan = ShardingPlan.of(Topology.mongos(List.of("s1", "s2", "s3", "s4"), 8), "shop", List.of("Electronics", "Home & Kitchen"));

    assertThat(plan.commands().stream().filter(command -> command.containsKey("addShardToZone")))
        .containsExactlyElementsOf(parse("{addShardToZone: 's1', zone: 'products-electronics'}",
            "{addShardToZone: 's2', zone: 'products-home-kitchen'}"));
  }

  @Test
  void aServerThatIsNotAMongosGetsNoCommandsAndAReason() {
    ShardingPlan standalone = ShardingPlan.of(Topology.notMongos("standalone server"), "shop", CATEGORIES);
    ShardingPlan member = ShardingPlan.of(Topology.notMongos("replica set member (rs0)"), "shop", CATEGORIES);

    assertThat(standalone.commands()).isEmpty();
    assertThat(standalone.skipped()).isTrue();
    assertThat(standalone.skipReason()).isEqualTo("the server is a standalone server, not a mongos (isMaster.msg is not \"isdbgrid\")");
    assertThat(member.commands()).isEmpty();
    assertThat(member.skipReason()).isEqualTo("the server is a replica set member (rs0), not a mongos (isMaster.msg is not \"isdbgrid\")");
  }

  @Test
  void aMongosWithoutShardsGetsNoCommandsAndAReason() {
    ShardingPlan plan = ShardingPlan.of(Topology.mongos(List.of(), 7), "shop", CATEGORIES);

    assertThat(plan.commands()).isEmpty();
    assertThat(plan.skipReason()).isEqualTo("the mongos has no shards (listShards is empty)");
  }

  @Test
  void theEmbeddedServerIsDetectedAsAStandaloneServer() {
    Topology topology = Topology.probe(MONGO.database("admin"));

    assertThat(topology).isEqualTo(Topology.notMongos("standalone server"));
  }

  @Test
  void productsShardedOnCategoryKeepSkusUniqueWithinTheirCategory() {
    assertThat(SourceCollections.indexes(true).get("products")).extracting(index -> index.getKeys().toBsonDocument().toJson()
            + (Boolean.TRUE.equals(index.getOptions().isUnique()) ? " unique" : ""))
        .containsExactly("{\"category\": 1, \"sku\": 1} unique", "{\"sku\": 1}", "{\"category\": 1}");
    assertThat(SourceCollections.indexes(false).get("products")).extracting(index -> index.getKeys().toBsonDocument().toJson()
            + (Boolean.TRUE.equals(index.getOptions().isUnique()) ? " unique" : ""))
        .containsExactly("{\"sku\": 1} unique", "{\"category\": 1}");
  }

  private static List<BsonDocument> parse(String... json) {
    return Stream.of(json).map(BsonDocument::parse).toList();
  }
}
