package io.shopanalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.shopanalytics.devserver.DevMongoServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite's outputs copied to files, to be compared once the stand-in has stopped. */
class ExportedOutputsTest {
  @TempDir
  Path directory;

  @Test
  void eachCollectionIsCopiedWholeInKeyOrder() throws Exception {
    try (DevMongoServer server = DevMongoServer.start(DevMongoServer.Backend.memory, directory, 0);
        MongoClient client = MongoClients.create(server.connectionString())) {
      MongoDatabase database = client.getDatabase("bench");
      database.getCollection("sales_analytics").insertMany(List.of(
          new Document("period", "2024-02").append("totals", new Document("total_orders", 3L)),
          new Document("period", "2024-01").append("totals", new Document("total_orders", 5L))));
      database.getCollection("product_analytics").insertMany(List.of(
          new Document("product_id", "b").append("period", "2024-01"),
          new Document("product_id", "a").append("period", "2024-02"),
          new Document("product_id", "a").append("period", "2024-01")));

      Map<String, Long> counts = ExportedOutputs.export(database, directory.resolve("outputs"));

      assertThat(counts).containsExactly(Map.entry("product_analytics", 3L), Map.entry("sales_analytics", 2L),
          Map.entry("customer_analytics", 0L));
    }
    // the server has stopped: the copies stand alone
    assertThat(read("product_analytics").stream().map(d -> d.getString("product_id").getValue() + " "
        + d.getString("period").getValue())).containsExactly("a 2024-01", "a 2024-02", "b 2024-01");
    assertThat(read("sales_analytics").stream().map(d -> d.getDocument("totals").getInt64("total_orders").getValue()))
        .containsExactly(5L, 3L);
    assertThat(read("customer_analytics")).isEmpty();
  }

  private List<RawBsonDocument> read(String collection) throws Exception {
    List<RawBsonDocument> documents = new ArrayList<>();
    try (ExportedOutputs.Documents stored = ExportedOutputs.documents(directory.resolve("outputs"), collection)) {
      stored.forEachRemaining(documents::add);
    }
    return documents;
  }
}
