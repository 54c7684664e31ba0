package io.shopanalytics.common.source;

import static io.shopanalytics.common.source.TestOrders.MARCH_APRIL;
import static io.shopanalytics.common.source.TestOrders.documents;
import static io.shopanalytics.common.source.TestOrders.expectedIds;
import static io.shopanalytics.common.source.TestOrders.ids;
import static io.shopanalytics.common.source.TestOrders.oid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.mongodb.client.MongoDatabase;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.source.connector.ConnectorOrdersSource;
import io.shopanalytics.common.source.connector.TypeCompletePartitioner;
import io.shopanalytics.common.source.plan.ChunksPlanner;
import io.shopanalytics.common.source.plan.IdRangePlanner;
import io.shopanalytics.common.source.plan.TimeSlicePlanner;
import io.shopanalytics.common.source.reader.RawCollectionReader;
import io.shopanalytics.common.source.strategy.ReadStrategies;
import io.shopanalytics.common.testing.EmbeddedMongo;
import io.shopanalytics.common.testing.EmbeddedServerTest;
import io.shopanalytics.common.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every strategy on the embedded server, unsharded and with sharding metadata stored in its
 * {@code config} database ({@link ShardingStandIn}): exact {@code _id} sets, no loss, no duplicates.
 */
@EmbeddedServerTest
class ReadStrategiesEmbeddedTest extends SparkTestBase {
  /** Orders' stand-in chunks: [MinKey, 6) shard0, [6, 0x1100) shard1, [0x1100, 0x1200) shard1, [0x1200, 0x1300) shard2, [0x1300, MaxKey) shard0. */
  private static final List<BsonValue> ORDER_SPLITS = List.of(new BsonInt32(6), new BsonObjectId(oid(0x1100)),
      new BsonObjectId(oid(0x1200)), new BsonObjectId(oid(0x1300)));
  private static final List<String> ORDER_SHARDS = List.of("shard0", "shard1", "shard1", "shard2", "shard0");
  private static final int TOTAL = 1021;

  private static EmbeddedMongo mongo;
  private static MongoSettings settings;

  @BeforeAll
  static void start() {
    mongo = EmbeddedMongo.start();
    TestOrders.insert(mongo.database());
    settings = mongo.settings().build();
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  @AfterEach
  void unshard() {
    config().drop();
  }

  private static MongoDatabase config() {
    return mongo.client().getDatabase("config");
  }

  private static void shardOrders() {
    ShardingStandIn.shard(config(), "shop.orders", "_id", ORDER_SPLITS, ORDER_SHARDS);
  }

  private static List<BsonValue> read(OrdersSource source) {
    return ids(documents(source.read(spark)));
  }

  static Stream<Arguments> strategiesAndLayouts() {
    return ReadStrategies.NAMES.stream().flatMap(name -> Stream.of(Arguments.of(name, false), Arguments.of(name, true)));
  }

  @ParameterizedTest(name = "{0}, sharding metadata: {1}")
  @MethodSource("strategiesAndLayouts")
  void everyStrategyReadsEveryOrderOfTheRequestedMonthsExactlyOnce(String strategy, boolean sharded) {
    if (sharded) {
      shardOrders();
    }

    List<BsonValue> ids = read(ReadStrategies.orders(strategy, settings, MARCH_APRIL, 100));

    assertThat(ids).doesNotHaveDuplicates();
    assertThat(new HashSet<>(ids)).isEqualTo(expectedIds(MARCH_APRIL));
  }

  @Test
  void autoTakesTimeSlicesForTwoMonthsOfSixAndSaysWhy() {
    shardOrders();

    ReadPlan plan = ReadStrategies.orders("auto", settings, MARCH_APRIL, 100).plan();

    assertThat(plan.strategy()).isEqualTo(TimeSlicePlanner.NAME);
    assertThat(plan.reason()).startsWith("auto chose time-slices: about 399 of 1021 documents (39.1%) are in scope "
        + "[2024-03-01T00:00:00Z, 2024-05-01T00:00:00Z), below the spark.shopanalytics.read.auto.chunksMinFraction "
        + "threshold of 50.0%; about 399 of 1021 orders in");
    assertThat(plan.readPreference()).isEqualTo("secondary");
  }

  @Test
  void autoTakesChunksForTheWholeHistoryAndReadsEachShardsRangesWithExactPerShardFigures() {
    shardOrders();
    OrdersSource source = ReadStrategies.orders("auto", settings, ReadScope.everything(), 100);

    ReadPlan plan = source.plan();
    List<BsonValue> ids = read(source);

    assertThat(plan.strategy()).isEqualTo(ChunksPlanner.NAME);
    assertThat(plan.reason()).startsWith("auto chose chunks: about 1021 of 1021 documents (100.0%)");
    // chunks counted 5, 272, 256, 256 and 232 documents: cut into 1, 3, 3, 3 and 3 pieces at a target of 100
    assertThat(plan.partitionsPerShard()).containsExactly(entry("shard0", 4L), entry("shard1", 6L), entry("shard2", 3L));
    assertThat(plan.partitions().get(0).preferredHosts()).containsExactly("127.0.0.1");
    assertThat(ids).doesNotHaveDuplicates().hasSize(TOTAL);
    // shard0: ints 1-5 and ObjectIds 0x1300-0x13e7; shard2: 0x1200-0x12ff; shard1 the rest
    assertThat(source.metrics().perShard()).containsOnlyKeys("shard0", "shard1", "shard2");
    assertThat(source.metrics().perShard().get("shard0").partitions()).isEqualTo(4);
    assertThat(source.metrics().documentsPerShard())
        .containsExactly(entry("shard0", 237L), entry("shard1", 528L), entry("shard2", 256L));
    assertThat(source.metrics().imbalance().getAsDouble()).isEqualTo((528 - 237) / (1021 / 3.0));
    assertThat(source.metrics().warnIfImbalanced(ShardBalance.ALERT)).isTrue();
  }

  @Test
  void dryRunShowsStrategyPartitionsAndEstimatedDocumentsPerShard() {
    shardOrders();

    String described = ReadStrategies.orders("chunks", settings, ReadScope.everything(), 250).plan().describe();

    // the ranged chunks are counted (5, 272, 256, 256, 232): those above 250 are cut in two, at values of the key
    assertThat(described).startsWith("strategy: chunks\nreason: shop.orders is sharded on {\"_id\": 1}: 5 chunks on 3 "
        + "shard(s) planned as 8 partitions of up to about 250 documents scanned");
    assertThat(described).contains("read preference: secondary\npartitions: 8, estimated documents: 1021\n"
        + "  shard0: 2 partitions over its ranges, about 237 documents\n"
        + "  shard1: 4 partitions over its ranges, about 528 documents\n"
        + "  shard2: 2 partitions over its ranges, about 256 documents\n"
        + "note: mongos does not target a query by min/max: every partition's query is sent to every shard");
  }

  @Test
  void aPartitionComputedTwiceIsCountedOnceInTheMetrics() {
    shardOrders();
    OrdersSource source = ReadStrategies.orders("chunks", settings, ReadScope.everything(), 100);
    Dataset<Row> orders = source.read(spark);

    orders.count();
    orders.count();

    assertThat(source.metrics().documents()).isEqualTo(TOTAL);
    assertThat(source.metrics().perShard().values().stream().mapToLong(ReadMetrics.ShardReads::partitions).sum()).isEqualTo(13);
  }

  @Test
  void aChunkMigrationDuringTheReadReReadsOnlyThePartitionsOfTheMovedRange() {
    shardOrders();
    OrdersSource source = ReadStrategies.orders("chunks", settings, ReadScope.everything(), 100);
    ReadPlan before = source.plan();
    assertThat(read(source)).hasSize(TOTAL);
    assertThat(source.partitionsToReread()).isEmpty();

    ShardingStandIn.migrate(config(), "_id", new BsonObjectId(oid(0x1200)), "shard0");

    List<ReadPartition> stale = source.partitionsToReread();
    List<ReadPartition> shard2Partitions = before.partitions().stream().filter(p -> p.shard().equals("shard2")).toList();
    assertThat(stale).containsExactlyElementsOf(shard2Partitions);
    assertThat(source.metadataChangedSincePlan()).isTrue();
    source.replan();
    ReadPlan after = source.plan();
    List<BsonValue> ids = read(source);
    assertThat(after.metadataVersion()).isNotEqualTo(before.metadataVersion());
    assertThat(after.reason()).contains("read again after chunk migrations: " + stale.size() + " partition(s) as "
        + stale.size() + " under their current owners");
    assertThat(after.partitionsPerShard()).doesNotContainKey("shard2");
    assertThat(after.partitions()).hasSize(before.partitions().size());
    assertThat(ids).doesNotHaveDuplicates().hasSize(TOTAL);
    assertThat(source.metrics().documentsPerShard()).containsExactly(entry("shard0", 493L), entry("shard1", 528L));
    assertThat(source.metrics().perShard().values().stream().mapToLong(ReadMetrics.ShardReads::partitions).sum())
        .isEqualTo(before.partitions().size());
    assertThat(source.metadataChangedSincePlan()).isFalse();
  }

  @Test
  void aSplitOrMergeDuringTheReadReReadsNothing() {
    shardOrders();
    OrdersSource source = ReadStrategies.orders("chunks", settings, ReadScope.everything(), 100);
    assertThat(read(source)).hasSize(TOTAL);

    // the AutoMerger squashes shard1's two adjacent chunks: a minor version, no data moved
    var chunks = config().getCollection("chunks");
    chunks.deleteOne(com.mongodb.client.model.Filters.eq("min._id", new BsonObjectId(oid(0x1100))));
    chunks.updateOne(com.mongodb.client.model.Filters.eq("min._id", new BsonInt32(6)), com.mongodb.client.model.Updates
        .combine(com.mongodb.client.model.Updates.set("max._id", new BsonObjectId(oid(0x1200))),
            com.mongodb.client.model.Updates.set("lastmod", new org.bson.BsonTimestamp(1, 9))));

    assertThat(source.partitionsToReread()).isEmpty();
    assertThat(source.metadataChangedSincePlan()).isFalse();
  }

  /** 7.2+: one chunk per shard. The chunks plan still cuts partitions of about the target, counted from the data. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void oneChunkPerShardStillGivesPartitionsOfAboutTheTargetAndEveryOrderOnce(String strategy) {
    ShardingStandIn.shard(config(), "shop.orders", "_id", List.of(new BsonObjectId(oid(0x1100)),
        new BsonObjectId(oid(0x1300))), List.of("shard0", "shard1", "shard2"));
    OrdersSource source = ReadStrategies.orders(strategy, settings, ReadScope.everything(), 100);

    List<BsonValue> ids = read(source);

    assertThat(ids).doesNotHaveDuplicates();
    assertThat(new HashSet<>(ids)).isEqualTo(expectedIds(ReadScope.everything()));
    if (strategy.equals(ChunksPlanner.NAME)) {
      assertThat(source.plan().partitions()).hasSizeGreaterThanOrEqualTo(TOTAL / 100);
      assertThat(source.plan().partitionsPerShard()).containsOnlyKeys("shard0", "shard1", "shard2");
      assertThat(source.metrics().perShard().values()).allSatisfy(reads ->
          assertThat(reads.documents()).isLessThanOrEqualTo(100L * reads.partitions()));
    }
  }

  static Stream<String> strategies() {
    return ReadStrategies.NAMES.stream();
  }

  @Test
  void anUnsplittableCollectionIsReadAsUnshardedAndSaysWhere() {
    config().getCollection("collections", BsonDocument.class).insertOne(BsonDocument.parse(
        io.shopanalytics.common.testing.RecordedConfig.UNSPLITTABLE_ORDERS));
    config().getCollection("chunks", BsonDocument.class).insertMany(io.shopanalytics.common.testing.RecordedConfig
        .documents(io.shopanalytics.common.testing.RecordedConfig.UNSPLITTABLE_CHUNK));
    config().getCollection("shards", BsonDocument.class).insertMany(io.shopanalytics.common.testing.RecordedConfig
        .documents(io.shopanalytics.common.testing.RecordedConfig.THREE_SHARDS));
    OrdersSource source = ReadStrategies.orders("chunks", settings, MARCH_APRIL, 100);

    ReadPlan plan = source.plan();
    List<BsonValue> ids = read(source);

    assertThat(plan.reason()).startsWith("shop.orders is unsplittable (an unsharded collection tracked in "
        + "config.collections, on shard shard1): no chunks to follow, falling back to _id ranges; shop.orders split into "
        + "11 _id range(s)");
    assertThat(plan.partitionsPerShard()).containsExactly(entry(ReadPartition.UNATTRIBUTED, 11L));
    assertThat(plan.metadataVersion()).isNotNull();
    assertThat(new HashSet<>(ids)).isEqualTo(expectedIds(MARCH_APRIL));
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(source.metadataChangedSincePlan()).isFalse();
  }

  @Test
  void chunksOnAnUnshardedCollectionFallsBackToIdRangesAndSaysSo() {
    ReadPlan plan = ReadStrategies.orders("chunks", settings, MARCH_APRIL, 100).plan();

    assertThat(plan.strategy()).isEqualTo(ChunksPlanner.NAME);
    assertThat(plan.reason()).startsWith("shop.orders is not sharded (no config.collections entry): no chunks to follow, "
        + "falling back to _id ranges; shop.orders split into 11 _id range(s) of about 100 documents (target 100)");
    assertThat(plan.partitionsPerShard()).containsExactly(entry(ReadPartition.UNATTRIBUTED, 11L));
    assertThat(plan.metadataVersion()).isNull();
  }

  @Test
  void streamedAndWalkedSplitPointsAreTheSameKeysMixedTypesIncluded() {
    var orders = mongo.database().getCollection("orders", BsonDocument.class);

    // a small target: the first split points fall among the int and string _ids, before the ObjectIds
    List<BsonValue> walked = IdRangePlanner.walkedSplitPoints(orders, 7);
    List<BsonValue> streamed = IdRangePlanner.streamedSplitPoints(orders, 7);

    assertThat(walked).hasSize((TOTAL - 1) / 7);
    assertThat(streamed).isEqualTo(walked);
    assertThat(walked.stream().map(BsonValue::getBsonType).distinct().count()).isGreaterThan(1);
    assertThat(IdRangePlanner.splitPoints(orders, 7, TOTAL)).isEqualTo(walked);
  }

  @Test
  void theConnectorHandsValidationTheStoredBsonBytesWrongTypesIncluded() {
    List<RawBsonDocument> stored = mongo.database().getCollection("orders", RawBsonDocument.class)
        .find(MARCH_APRIL.filter()).projection(ConnectorOrdersSource.topLevelProjection()).into(new ArrayList<>());

    List<RawBsonDocument> viaConnector = documents(ReadStrategies.orders("connector", settings, MARCH_APRIL, 100).read(spark));

    // byte for byte: canonical extended JSON keeps every type, null, missing field and field order
    assertThat(hex(viaConnector)).isEqualTo(hex(stored));
    RawBsonDocument odd = viaConnector.stream().filter(d -> d.get("_id").equals(new BsonString("true"))).findFirst().orElseThrow();
    assertThat(odd.get("status").isBoolean()).isTrue();
    assertThat(odd.getArray("items").get(0).asDocument().get("quantity")).isEqualTo(new BsonString("2"));
    assertThat(odd.getArray("items").get(0).asDocument().get("unit_price").isDouble()).isTrue();
    assertThat(odd.getArray("items").get(0).asDocument().get("sku").isNull()).isTrue();
    assertThat(odd.containsKey("notes")).isFalse();
  }

  @Test
  void theConnectorsOwnPaginationLosesOrdersWhoseIdTypeDiffersWhichTheWideningKeeps() {
    ConnectorOrdersSource source = (ConnectorOrdersSource) ReadStrategies.orders("connector", settings, MARCH_APRIL, 100);
    Map<String, String> bare = new LinkedHashMap<>(source.options());
    bare.put("partitioner", bare.remove(TypeCompletePartitioner.OPTION));

    long bareCount = spark.read().format("mongodb").options(bare).schema(ConnectorOrdersSource.WRAPPED).load().count();

    // int and string _ids sort before the ObjectId boundaries: {_id: {$lt: ObjectId}} never matches them
    long otherTypes = expectedIds(MARCH_APRIL).stream().filter(id -> !id.isObjectId()).count();
    assertThat(otherTypes).isEqualTo(10);
    assertThat(bareCount).isEqualTo(expectedIds(MARCH_APRIL).size() - otherTypes);
    assertThat(source.plan().partitions()).hasSizeGreaterThan(1);
    assertThat(source.plan().reason()).startsWith("official MongoDB Spark connector with PaginateIntoPartitionsPartitioner "
        + "(_id bounds made type-complete)");
  }

  private static List<String> hex(List<RawBsonDocument> documents) {
    List<String> hex = new ArrayList<>();
    for (RawBsonDocument document : documents) {
      hex.add(HexFormat.of().formatHex(RawCollectionReader.bytes(document)));
    }
    hex.sort(null);
    return hex;
  }

  @Test
  void boundedStalenessReachesThePlanAndTheConnectorsConnectionString() {
    MongoSettings stale = mongo.settings().readPreference("secondaryPreferred").maxStalenessSeconds(120).build();
    ConnectorOrdersSource connector = (ConnectorOrdersSource) ReadStrategies.orders("connector", stale, MARCH_APRIL, 100);

    assertThat(ReadStrategies.orders("chunks", stale, MARCH_APRIL, 100).plan().readPreference())
        .isEqualTo("secondaryPreferred maxStaleness=120s");
    assertThat(connector.options().get("connection.uri")).endsWith("?readPreference=secondaryPreferred&maxStalenessSeconds=120");
    assertThat(new HashSet<>(read(connector))).isEqualTo(expectedIds(MARCH_APRIL));
    assertThat(connector.plan().readPreference()).isEqualTo("secondaryPreferred maxStaleness=120s");
  }

  @Test
  void productsRangedOnCategoryAndUnshardedUsersGetWholeCollectionPlans() {
    List<BsonDocument> products = new ArrayList<>();
    String[] categories = {"Books", "Books", "Books", "Electronics", "Electronics", "Electronics", "Garden", "Garden", "Toys", "Toys"};
    for (int i = 0; i < categories.length; i++) {
      products.add(new BsonDocument("_id", new BsonInt32(i + 1)).append("category", new BsonString(categories[i])));
    }
    products.add(new BsonDocument("_id", new BsonInt32(11)));
    products.add(new BsonDocument("_id", new BsonInt32(12)).append("category", BsonNull.VALUE));
    products.add(new BsonDocument("_id", new BsonInt32(13)).append("category", new BsonInt32(42)));
    mongo.database().getCollection("products", BsonDocument.class).insertMany(products);
    ShardingStandIn.shard(config(), "shop.products", "category", List.of(new BsonString("C"), new BsonString("H")),
        List.of("shard0", "shard1", "shard0"));
    for (int i = 1; i <= 5; i++) {
      mongo.database().getCollection("users", BsonDocument.class).insertOne(
          new BsonDocument("_id", new BsonInt32(i)).append("email", new BsonString("u" + i + "@example.com")));
    }

    ReadPlan productPlan = ReadStrategies.collection("products", settings, 1000);
    ReadMetrics productMetrics = new ReadMetrics(spark.sparkContext(), "products");
    List<BsonValue> productIds = ids(documents(RawCollectionReader.read(spark, settings, "products", productPlan,
        new BsonDocument(), productMetrics)));
    ReadPlan usersPlan = ReadStrategies.collection("users", settings, 1000);
    ReadPlan usersSplit = ReadStrategies.collection("users", settings, 2);
    List<BsonValue> userIds = ids(documents(RawCollectionReader.read(spark, settings, "users", usersSplit,
        new BsonDocument(), null)));

    assertThat(productPlan.partitionsPerShard()).containsExactly(entry("shard0", 2L), entry("shard1", 1L));
    assertThat(productIds).doesNotHaveDuplicates().hasSize(13);
    // [MinKey, "C"): Books, missing, null, 42; ["C", "H"): Electronics, Garden; ["H", MaxKey): Toys
    assertThat(productMetrics.documentsPerShard()).isEqualTo(Map.of("shard0", 8L, "shard1", 5L));
    assertThat(usersPlan.partitions()).hasSize(1);
    assertThat(usersPlan.reason()).startsWith("shop.users is not sharded");
    assertThat(usersSplit.partitions()).hasSize(3);
    assertThat(userIds).doesNotHaveDuplicates().hasSize(5);
  }
}
