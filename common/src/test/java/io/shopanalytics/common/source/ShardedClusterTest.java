package io.shopanalytics.common.source;

import static io.shopanalytics.common.source.TestOrders.MARCH_APRIL;
import static io.shopanalytics.common.source.TestOrders.documents;
import static io.shopanalytics.common.source.TestOrders.expectedIds;
import static io.shopanalytics.common.source.TestOrders.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.source.strategy.ReadStrategies;
import io.shopanalytics.common.testing.DockerTest;
import io.shopanalytics.common.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A real sharded cluster (Testcontainers' {@code withSharding()}: one mongos, one config server and
 * one single-node shard), where Docker exists; skipped elsewhere. Orders are sharded on a hashed
 * {@code _id} here, chunks split so that there are several, and every strategy must read every order
 * of the scope exactly once, the same {@code _id}s as the connector.
 *
 * <p>Read preference: the shard is a single node, it has no secondary, so {@code secondary} could
 * not select a server; {@code secondaryPreferred} reads from secondaries where a real cluster has
 * them and from the lone primary here.
 */
@DockerTest
@Testcontainers(disabledWithoutDocker = true)
class ShardedClusterTest extends SparkTestBase {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mongo:7.0", "mongo:8.0"})
  void everyStrategyReadsEveryOrderOnceThroughMongosFromSecondaries(String image) {
    try (MongoDBContainer cluster = new MongoDBContainer(image).withSharding()) {
      cluster.start();
      String uri = cluster.getConnectionString();
      try (MongoClient client = MongoClients.create(uri)) {
        shardOrders(client);
      }
      MongoSettings settings = MongoSettings.builder().uri(uri).database("shop").readPreference("secondaryPreferred").build();

      ReadPlan chunksPlan = ReadStrategies.orders("chunks", settings, MARCH_APRIL, 100).plan();
      assertThat(chunksPlan.partitions()).hasSizeGreaterThan(1);
      assertThat(chunksPlan.partitions()).allSatisfy(p -> {
        assertThat(p.hint()).isEqualTo(BsonDocument.parse("{_id: 'hashed'}"));
        assertThat(p.min()).isNotNull();
        assertThat(p.max()).isNotNull();
      });
      assertThat(chunksPlan.metadataVersion()).isNotNull();

      Set<BsonValue> connector = readExactlyOnce("connector", settings);
      for (String strategy : ReadStrategies.NAMES) {
        assertThat(readExactlyOnce(strategy, settings)).as(strategy).isEqualTo(connector);
      }
      assertThat(connector).isEqualTo(expectedIds(MARCH_APRIL));
    } finally {
      MongoClientCache.closeAll();
    }
  }

  private static Set<BsonValue> readExactlyOnce(String strategy, MongoSettings settings) {
    OrdersSource source = ReadStrategies.orders(strategy, settings, MARCH_APRIL, 100);
    List<BsonValue> ids = ids(documents(source.read(spark)));
    assertThat(ids).as(strategy).doesNotHaveDuplicates();
    assertThat(source.metadataChangedSincePlan()).as(strategy).isFalse();
    return new HashSet<>(ids);
  }

  /** shardCollection on a hashed _id, the orders, the created_at index, then every chunk split in two, twice. */
  private static void shardOrders(MongoClient client) {
    MongoDatabase admin = client.getDatabase("admin");
    admin.runCommand(new Document("enableSharding", "shop"));
    admin.runCommand(new Document("shardCollection", "shop.orders").append("key", new Document("_id", "hashed")));
    TestOrders.insert(client.getDatabase("shop"));
    for (int round = 0; round < 2; round++) {
      BsonDocument collection = client.getDatabase("config").getCollection("collections", BsonDocument.class)
          .find(new Document("_id", "shop.orders")).first();
      List<BsonDocument> chunks = client.getDatabase("config").getCollection("chunks", BsonDocument.class)
          .find(new Document("uuid", collection.get("uuid"))).into(new ArrayList<>());
      for (BsonDocument chunk : chunks) {
        admin.runCommand(new Document("split", "shop.orders")
            .append("bounds", List.of(chunk.getDocument("min"), chunk.getDocument("max"))));
      }
    }
  }
}
