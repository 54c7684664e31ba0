package io.shopanalytics.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.shopanalytics.common.sink.AnalyticsIndexes;
import io.shopanalytics.common.testing.EmbeddedServerTest;
import io.shopanalytics.jobs.testing.CommandRun;
import io.shopanalytics.jobs.testing.EmbeddedMongoExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@EmbeddedServerTest
class LoadCommandTest {
  @RegisterExtension
  static final EmbeddedMongoExtension MONGO = new EmbeddedMongoExtension();

  static final int USERS = 300;
  static final int PRODUCTS = 60;
  static final int ORDERS = 1_500;

  /** A small load into {@code database}; the options given replace the small defaults (picocli refuses repeats). */
  static CommandRun load(String database, String... options) {
    List<String> args = new ArrayList<>(List.of("load", "--uri", MONGO.uri(), "--database", database));
    args.addAll(Arrays.asList(options));
    Map<String, String> defaults = Map.of("--users", String.valueOf(USERS), "--products", String.valueOf(PRODUCTS),
        "--orders", String.valueOf(ORDERS), "--batch-size", "200", "--writers", "3");
    defaults.forEach((option, value) -> {
      if (!args.contains(option)) {
        args.add(option);
        args.add(value);
      }
    });
    return CommandRun.of(args.toArray(String[]::new));
  }

  static List<BsonDocument> all(MongoDatabase database, String collection) {
    return database.getCollection(collection, BsonDocument.class).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
  }

  @Test
  void loadsExactlyTheRequestedCountsAndPrintsAJsonSummary() {
    CommandRun run = load("counts");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    MongoDatabase database = MONGO.database("counts");
    assertThat(database.getCollection("users").countDocuments()).isEqualTo(USERS);
    assertThat(database.getCollection("products").countDocuments()).isEqualTo(PRODUCTS);
    assertThat(database.getCollection("orders").countDocuments()).isEqualTo(ORDERS);
    Document summary = Document.parse(run.out().strip());
    assertThat(summary).containsEntry("job", "load").containsEntry("database", "counts")
        .containsEntry("users", USERS).containsEntry("products", PRODUCTS).containsEntry("orders", ORDERS)
        .containsEntry("seed", 42).containsEntry("from", "2024-01-01").containsEntry("to", "2024-12-31")
        .containsKeys("seconds", "docs_per_second", "orders_per_second");
    assertThat(run.out().lines()).hasSize(1);
  }

  @Test
  void sameSeedGivesIdenticalDocumentsAndAnotherSeedDifferentOnes() {
    assertThat(load("same_a", "--seed", "7").exitCode()).isZero();
    assertThat(load("same_b", "--seed", "7", "--writers", "1", "--batch-size", "77").exitCode()).isZero();
    assertThat(load("other", "--seed", "8").exitCode()).isZero();

    for (String collection : LoadCommand.SOURCE_COLLECTIONS) {
      List<BsonDocument> first = all(MONGO.database("same_a"), collection);
      assertThat(all(MONGO.database("same_b"), collection)).as(collection).isEqualTo(first);
      List<BsonDocument> other = all(MONGO.database("other"), collection);
      assertThat(other).as(collection).hasSameSizeAs(first);
      assertThat(ids(other)).as(collection).doesNotContainAnyElementsOf(ids(first));
    }
  }

  @Test
  void storesExactlyWhatTheGeneratorBuilds() {
    assertThat(load("roundtrip").exitCode()).isZero();

    SeedData expected = new SeedData(new LoadSpec(USERS, PRODUCTS, ORDERS,
        java.time.LocalDate.of(2024, 1, 1), java.time.LocalDate.of(2024, 12, 31), 42));
    MongoDatabase database = MONGO.database("roundtrip");
    assertThat(byId(all(database, "orders"))).containsExactlyInAnyOrderEntriesOf(
        byId(java.util.stream.IntStream.range(0, ORDERS).mapToObj(expected::order).toList()));
    assertThat(byId(all(database, "users"))).containsExactlyInAnyOrderEntriesOf(
        byId(java.util.stream.IntStream.range(0, USERS).mapToObj(expected::user).toList()));
    assertThat(byId(all(database, "products"))).containsExactlyInAnyOrderEntriesOf(
        byId(java.util.stream.IntStream.range(0, PRODUCTS).mapToObj(expected::product).toList()));
  }

  @Test
  void refusesANonEmptyDatabaseWithoutDropAndReplacesItWithDrop() {
    assertThat(load("refuse").exitCode()).isZero();
    MongoDatabase database = MONGO.database("refuse");
    database.getCollection(AnalyticsIndexes.SALES_ANALYTICS).insertOne(new Document("period", "2024-11"));

    CommandRun refused = load("refuse", "--orders", "10");

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("database refuse already holds users (300 documents), products (60 documents), "
        + "orders (1500 documents): pass --drop to replace them");
    assertThat(refused.out()).isEmpty();
    assertThat(database.getCollection("orders").countDocuments()).isEqualTo(ORDERS);

    CommandRun replaced = load("refuse", "--orders", "10", "--drop");

    assertThat(replaced.exitCode()).as(replaced.toString()).isZero();
    assertThat(replaced.err()).contains("load: --drop: dropped users, products, orders, analytics_rejects, analytics_runs, "
        + "customer_analytics, product_analytics, sales_analytics, customer_segment_history, analytics_leases");
    assertThat(database.getCollection("orders").countDocuments()).isEqualTo(10);
    assertThat(database.getCollection(AnalyticsIndexes.SALES_ANALYTICS).countDocuments()).isZero();
  }

  @Test
  void createsEverySourceAndAnalyticsIndex() {
    assertThat(load("indexes").exitCode()).isZero();
    MongoDatabase database = MONGO.database("indexes");

    assertThat(indexes(database, "orders")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "{\"_id\": 1}", false,
        "{\"created_at\": 1}", false,
        "{\"user_id\": 1, \"created_at\": -1}", false,
        "{\"status\": 1}", false,
        "{\"analytics_processed\": 1}", false));
    assertThat(indexes(database, "users")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "{\"_id\": 1}", false,
        "{\"email\": 1}", true));
    assertThat(indexes(database, "products")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "{\"_id\": 1}", false,
        "{\"sku\": 1}", true,
        "{\"category\": 1}", false));
    assertThat(indexes(database, AnalyticsIndexes.PRODUCT_ANALYTICS)).containsEntry("{\"product_id\": 1, \"period\": 1}", true)
        .hasSize(AnalyticsIndexes.INDEXES.get(AnalyticsIndexes.PRODUCT_ANALYTICS).size() + 1);
    assertThat(indexes(database, AnalyticsIndexes.SALES_ANALYTICS)).containsEntry("{\"period\": 1}", true)
        .hasSize(AnalyticsIndexes.INDEXES.get(AnalyticsIndexes.SALES_ANALYTICS).size() + 1);
    assertThat(indexes(database, AnalyticsIndexes.CUSTOMER_ANALYTICS)).containsEntry("{\"user_id\": 1}", true)
        .hasSize(AnalyticsIndexes.INDEXES.get(AnalyticsIndexes.CUSTOMER_ANALYTICS).size() + 1);
    assertThat(indexes(database, AnalyticsIndexes.REJECTS))
        .hasSize(AnalyticsIndexes.INDEXES.get(AnalyticsIndexes.REJECTS).size() + 1);
  }

  @Test
  void saysOnceThatShardingIsSkippedOnAServerThatIsNotAMongos() {
    CommandRun run = load("unsharded");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err().lines().filter(line -> line.contains("sharding skipped"))).containsExactly(
        "load: sharding skipped: the server is a standalone server, not a mongos (isMaster.msg is not \"isdbgrid\"); "
            + "loading unsharded collections");
  }

  /** Key pattern (as JSON) to whether the index is unique. */
  private static Map<String, Boolean> indexes(MongoDatabase database, String collection) {
    return database.getCollection(collection).listIndexes().into(new ArrayList<>()).stream()
        .collect(Collectors.toMap(index -> index.get("key", Document.class).toJson(),
            index -> index.getBoolean("unique", false)));
  }

  private static List<Object> ids(List<BsonDocument> documents) {
    return documents.stream().map(document -> (Object) document.get("_id")).toList();
  }

  private static Map<Object, BsonDocument> byId(List<BsonDocument> documents) {
    return documents.stream().collect(Collectors.toMap(document -> document.get("_id"), document -> document));
  }
}
