package io.shopanalytics.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in's index-aware collections: a fenced upsert's filter (the key's equalities beside a
 * condition on the token, docs/ARCHITECTURE.md 8.4) matches and excludes exactly as before, and any
 * query returns what mongo-java-server's own memory backend returns.
 */
@Tag("embedded")
class IndexedMemoryBackendTest {
  private static final ObjectId PRODUCT = new ObjectId("65a000000000000000000001");
  private static final String TOKEN = "lease_token";

  @TempDir
  Path dataDirectory;

  @Test
  void fencedUpsertReplacesOnlyADocumentWhoseTokenIsAbsentOrNotAboveItsOwn() {
    try (DevMongoServer server = DevMongoServer.start(DevMongoServer.Backend.memory, dataDirectory, 0);
        MongoClient client = MongoClients.create(server.connectionString())) {
      MongoCollection<Document> analytics = keyedCollection(client);
      analytics.insertMany(List.of(
          keyOf("2024-01").append(TOKEN, 3L).append("value", "old"),
          keyOf("2024-02").append(TOKEN, 5L).append("value", "newer run"),
          keyOf("2024-03").append("value", "written before leases")));

      assertThat(fencedUpsert(analytics, "2024-01", 4L).getMatchedCount()).isEqualTo(1);
      assertThat(fencedUpsert(analytics, "2024-01", 4L).getMatchedCount()).as("equal token").isEqualTo(1);
      assertThat(fencedUpsert(analytics, "2024-03", 4L).getMatchedCount()).as("no token").isEqualTo(1);
      assertThatThrownBy(() -> fencedUpsert(analytics, "2024-02", 4L))
          .as("a newer run's document: no match, and the upsert's insert collides with the key")
          .isInstanceOfSatisfying(MongoWriteException.class,
              e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
      UpdateResult inserted = fencedUpsert(analytics, "2024-04", 4L);
      assertThat(inserted.getMatchedCount()).isZero();
      assertThat(inserted.getUpsertedId()).isNotNull();

      assertThat(analytics.find().sort(Sorts.ascending("period")).projection(new Document("_id", 0))
          .map(d -> d.getString("period") + " " + d.get(TOKEN) + " " + d.getString("value")).into(new ArrayList<>()))
          .containsExactly("2024-01 4 computed", "2024-02 5 newer run", "2024-03 4 computed", "2024-04 4 computed");
    }
  }

  @Test
  void answersEveryQueryAsTheLibrarysMemoryBackendDoes() {
    MongoServer plain = new MongoServer(new MemoryBackend());
    try (DevMongoServer server = DevMongoServer.start(DevMongoServer.Backend.memory, dataDirectory, 0);
        MongoClient indexedClient = MongoClients.create(server.connectionString());
        MongoClient plainClient = MongoClients.create("mongodb://" + address(plain))) {
      MongoCollection<Document> indexed = seeded(indexedClient);
      MongoCollection<Document> reference = seeded(plainClient);
      List<Document> filters = List.of(
          keyOf("2024-01").append(TOKEN, new Document("$not", new Document("$gt", 4L))),
          keyOf("2024-02").append(TOKEN, new Document("$not", new Document("$gt", 4L))),
          keyOf("2024-03").append(TOKEN, new Document("$lt", 10)),
          new Document("product_id", PRODUCT).append("period", "2024-01").append("value", "x"),
          new Document("product_id", PRODUCT).append("period", new Document("$in", List.of("2024-01", "2024-02")))
              .append(TOKEN, new Document("$gte", 0)),
          new Document("period", "2024-01").append(TOKEN, 3L),
          new Document("_id", 7).append("value", "x"),
          new Document("_id", 7.0).append("value", "x"),
          new Document("_id", 7L).append("value", new Document("$ne", "x")),
          new Document("_id", new Document("$in", List.of(7, 8))).append("value", "x"),
          new Document("code", 12).append("value", "x"),
          new Document("code", 12.0).append("value", "x"),
          new Document("code", null).append("value", "x"),
          new Document("code", List.of(1, 2)).append("value", "x"),
          new Document("code", 1).append("value", "x"),
          new Document("tags", "a").append("value", "x"));
      for (Document filter : filters) {
        assertThat(ids(indexed, filter)).as(filter.toJson()).isEqualTo(ids(reference, filter));
      }
    } finally {
      plain.shutdownNow();
    }
  }

  private static String address(MongoServer server) {
    java.net.InetSocketAddress bound = server.bind();
    return bound.getHostString() + ":" + bound.getPort();
  }

  private static MongoCollection<Document> keyedCollection(MongoClient client) {
    MongoCollection<Document> analytics = client.getDatabase("shop").getCollection("product_analytics");
    analytics.createIndex(Indexes.ascending("product_id", "period"), new IndexOptions().unique(true));
    return analytics;
  }

  private static MongoCollection<Document> seeded(MongoClient client) {
    MongoCollection<Document> analytics = keyedCollection(client);
    analytics.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true).sparse(true));
    analytics.insertMany(List.of(
        keyOf("2024-01").append("_id", 7).append(TOKEN, 3L).append("value", "x").append("code", 12),
        keyOf("2024-02").append("_id", 8).append(TOKEN, 5L).append("value", "x").append("code", List.of(1, 2)),
        keyOf("2024-03").append("_id", 9).append("value", "y").append("tags", List.of("a", "b")),
        keyOf("2024-04").append("_id", 10).append(TOKEN, 1L).append("value", "x").append("tags", "a")));
    return analytics;
  }

  private static List<Object> ids(MongoCollection<Document> collection, Document filter) {
    return collection.find(filter).sort(Sorts.ascending("_id")).map(d -> d.get("_id")).into(new ArrayList<>());
  }

  private static Document keyOf(String period) {
    return new Document("product_id", PRODUCT).append("period", period);
  }

  private static UpdateResult fencedUpsert(MongoCollection<Document> collection, String period, long token) {
    Document filter = keyOf(period).append(TOKEN, new Document("$not", new Document("$gt", token)));
    Document update = new Document("$set", new Document(TOKEN, token).append("value", "computed"));
    return collection.updateOne(filter, update, new UpdateOptions().upsert(true));
  }
}
