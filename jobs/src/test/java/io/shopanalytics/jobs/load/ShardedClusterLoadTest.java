package io.shopanalytics.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.shopanalytics.common.testing.DockerTest;
import io.shopanalytics.jobs.testing.CommandRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The loader against a real sharded cluster (mongos, config server and one shard in one
 * container). Needs Docker: without it the class is skipped. Named *Test so that surefire counts
 * it (as skipped) wherever Docker is missing.
 */
@DockerTest
@Testcontainers(disabledWithoutDocker = true)
class ShardedClusterLoadTest {
  @Container
  static final MongoDBContainer CLUSTER = new MongoDBContainer("mongo:7.0").withSharding();

  @Test
  void shardsTheThreeCollectionsBeforeLoadingThem() {
    CommandRun run = CommandRun.of("load", "--uri", CLUSTER.getConnectionString(), "--database", "shop",
        "--users", "500", "--products", "50", "--orders", "2000");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains("load: sharding: {\"enableSharding\": \"shop\"}").doesNotContain("sharding skipped");
    try (MongoClient client = MongoClients.create(CLUSTER.getConnectionString())) {
      List<BsonDocument> collections = client.getDatabase("config").getCollection("collections", BsonDocument.class)
          .find(Filters.in("_id", "shop.orders", "shop.users", "shop.products")).into(new ArrayList<>());
      Map<String, BsonDocument> keys = collections.stream()
          .collect(Collectors.toMap(c -> c.getString("_id").getValue(), c -> c.getDocument("key")));
      assertThat(keys).containsExactlyInAnyOrderEntriesOf(Map.of(
          "shop.orders", BsonDocument.parse("{_id: 'hashed'}"),
          "shop.users", BsonDocument.parse("{email: 'hashed'}"),
          "shop.products", BsonDocument.parse("{category: 1}")));
      MongoDatabase shop = client.getDatabase("shop");
      assertThat(shop.getCollection("orders").countDocuments()).isEqualTo(2000);
      assertThat(shop.getCollection("users").countDocuments()).isEqualTo(500);
      assertThat(shop.getCollection("products").countDocuments()).isEqualTo(50);
    }
  }
}
