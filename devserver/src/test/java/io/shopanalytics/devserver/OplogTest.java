package io.shopanalytics.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("embedded")
class OplogTest {
  private static List<ChangeStreamDocument<Document>> drain(MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor) {
    List<ChangeStreamDocument<Document>> events = new ArrayList<>();
    for (ChangeStreamDocument<Document> event = cursor.tryNext(); event != null; event = cursor.tryNext()) {
      events.add(event);
    }
    return events;
  }

  private static void insert(MongoCollection<Document> orders, int from, int to) {
    for (int id = from; id < to; id++) {
      orders.insertOne(new Document("_id", id));
    }
  }

  @Test
  void servesChangeStreamsThatResumeAfterAToken() {
    try (DevMongoServer server = DevMongoServer.start(DevMongoServer.Backend.memory, null, 0);
        MongoClient client = MongoClients.create(server.connectionString())) {
      MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
      MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor =
          orders.watch().fullDocument(FullDocument.UPDATE_LOOKUP).cursor();
      insert(orders, 1, 4);
      List<ChangeStreamDocument<Document>> events = drain(cursor);
      assertThat(events).extracting(event -> event.getDocumentKey().toJson())
          .containsExactly("{\"_id\": 1}", "{\"_id\": 2}", "{\"_id\": 3}");

      BsonDocument afterFirst = events.get(0).getResumeToken();
      assertThat(drain(orders.watch().resumeAfter(afterFirst).cursor()))
          .extracting(event -> event.getDocumentKey().toJson())
          .containsExactly("{\"_id\": 2}", "{\"_id\": 3}");
    }
  }

  @Test
  void aResumePointOlderThanTheKeptHistoryFailsWithChangeStreamHistoryLost() {
    try (DevMongoServer server = DevMongoServer.start(DevMongoServer.Backend.memory, null, 0,
        DevMongoServer.OplogSettings.keeping(20));
        MongoClient client = MongoClients.create(server.connectionString())) {
      MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
      MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = orders.watch().cursor();
      insert(orders, 1, 2);
      BsonDocument first = drain(cursor).get(0).getResumeToken();
      insert(orders, 2, 60);
      List<ChangeStreamDocument<Document>> recent = drain(cursor);

      assertThatThrownBy(() -> orders.watch().resumeAfter(first).cursor().tryNext())
          .isInstanceOfSatisfying(MongoCommandException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(286);
            assertThat(e.getErrorCodeName()).isEqualTo("ChangeStreamHistoryLost");
          });
      // the history kept: at most the bound plus what came in since the last trim, the newest entries
      long kept = client.getDatabase("local").getCollection("oplog.rs").countDocuments();
      assertThat(kept).isBetween(20L, 22L);
      BsonDocument lastButOne = recent.get(recent.size() - 2).getResumeToken();
      assertThat(drain(orders.watch().resumeAfter(lastButOne).cursor()))
          .extracting(event -> event.getDocumentKey().toJson()).containsExactly("{\"_id\": 59}");
    }
  }

  @Test
  void withoutAnOplogThereIsNoChangeStream() {
    try (DevMongoServer server = DevMongoServer.start(DevMongoServer.Backend.memory, null, 0,
        DevMongoServer.OplogSettings.NONE);
        MongoClient client = MongoClients.create(server.connectionString())) {
      MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
      assertThatThrownBy(() -> orders.watch().cursor().tryNext()).isInstanceOf(MongoCommandException.class);
    }
  }
}
