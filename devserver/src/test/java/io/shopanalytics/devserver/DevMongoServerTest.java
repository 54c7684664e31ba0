package io.shopanalytics.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("embedded") // the common test-jar's @EmbeddedServerTest, which this module cannot depend on
class DevMongoServerTest {
  @TempDir
  Path dataDirectory;

  @Test
  void h2BackendKeepsDocumentsAndIndexesAcrossARestart() {
    Document order = new Document("_id", 1).append("unit_price", new Decimal128(new java.math.BigDecimal("19.99")));
    try (DevMongoServer server = DevMongoServer.start(DevMongoServer.Backend.h2, dataDirectory, 0);
        MongoClient client = MongoClients.create(server.connectionString())) {
      MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
      orders.insertOne(order);
      orders.createIndex(Indexes.ascending("created_at"));
    }

    try (DevMongoServer server = DevMongoServer.start(DevMongoServer.Backend.h2, dataDirectory, 0);
        MongoClient client = MongoClients.create(server.connectionString())) {
      MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
      assertThat(orders.find().into(new ArrayList<>())).containsExactly(order);
      assertThat(orders.listIndexes().map(index -> index.get("key", Document.class).toJson()).into(new ArrayList<>()))
          .containsExactlyInAnyOrder("{\"_id\": 1}", "{\"created_at\": 1}");
    }
    assertThat(dataDirectory.resolve(DevMongoServer.DATA_FILE)).isRegularFile();
  }

  @Test
  void h2FileShrinksToItsLiveDataAtStart() throws IOException {
    String padding = "x".repeat(1_000);
    // without an oplog, which would keep the dropped documents' entries
    try (DevMongoServer server = DevMongoServer.start(DevMongoServer.Backend.h2, dataDirectory, 0,
        DevMongoServer.OplogSettings.NONE);
        MongoClient client = MongoClients.create(server.connectionString())) {
      MongoCollection<Document> scratch = client.getDatabase("shop").getCollection("scratch");
      for (int batch = 0; batch < 10; batch++) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
          documents.add(new Document("_id", batch * 500 + i).append("padding", padding));
        }
        scratch.insertMany(documents);
      }
      scratch.drop();
      client.getDatabase("shop").getCollection("kept").insertOne(new Document("_id", "kept"));
    }
    long grown = Files.size(dataDirectory.resolve(DevMongoServer.DATA_FILE));

    try (DevMongoServer server = DevMongoServer.start(DevMongoServer.Backend.h2, dataDirectory, 0);
        MongoClient client = MongoClients.create(server.connectionString())) {
      assertThat(Files.size(dataDirectory.resolve(DevMongoServer.DATA_FILE))).isLessThan(grown / 4);
      assertThat(client.getDatabase("shop").getCollection("kept").find().into(new ArrayList<>()))
          .containsExactly(new Document("_id", "kept"));
      assertThat(client.getDatabase("shop").getCollection("scratch").countDocuments()).isZero();
    }
  }

  @Test
  void memoryBackendStartsEmptyEachTime() {
    try (DevMongoServer server = DevMongoServer.start(DevMongoServer.Backend.memory, dataDirectory, 0);
        MongoClient client = MongoClients.create(server.connectionString())) {
      client.getDatabase("shop").getCollection("orders").insertOne(new Document("_id", 1));
    }
    try (DevMongoServer server = DevMongoServer.start(DevMongoServer.Backend.memory, dataDirectory, 0);
        MongoClient client = MongoClients.create(server.connectionString())) {
      assertThat(client.listDatabaseNames().into(new ArrayList<>())).doesNotContain("shop");
    }
  }

  @Test
  void listensOnLoopbackOnlyAndRefusesATakenPort() {
    try (DevMongoServer server = DevMongoServer.start(DevMongoServer.Backend.memory, dataDirectory, 0)) {
      assertThat(server.connectionString()).isEqualTo("mongodb://127.0.0.1:" + server.port());

      assertThatThrownBy(() -> DevMongoServer.start(DevMongoServer.Backend.memory, dataDirectory, server.port()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("cannot listen on 127.0.0.1:" + server.port());
    }
  }

  @Test
  void launcherNeedsAPortAndNamesTheBackends() {
    List<String> backends = List.of(DevMongoServer.Backend.values()).stream().map(Enum::name).toList();

    assertThat(backends).containsExactly("h2", "memory");
    assertThat(new picocli.CommandLine(new DevMongoServer.Launcher()).execute("--backend", "h2")).isEqualTo(2);
  }
}
