package io.shopanalytics.common.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.testing.EmbeddedMongo;
import io.shopanalytics.common.testing.EmbeddedServerTest;
import io.shopanalytics.devserver.DevMongoServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

@EmbeddedServerTest
class ChangeFeedTest {
  private static final Date NOVEMBER = Date.from(java.time.Instant.parse("2024-11-05T10:00:00Z"));
  private final List<String> opened = new ArrayList<>();

  private ChangeFeed feed(MongoSettings settings) {
    return new ChangeFeed(settings, Duration.ofMillis(50), Clock.systemUTC(),
        (from, fresh) -> opened.add((fresh ? "new at " : "resumed after ") + from.seq()));
  }

  private static MongoSettings settings(EmbeddedMongo mongo) {
    return mongo.settings().readPreference("primary").build();
  }

  private static List<String> ids(List<ChangeFeed.Change> changes) {
    return changes.stream().map(change -> OrderChange.of(new RawBsonDocument(change.event())))
        .map(change -> change.operation() + " " + change.orderId()).toList();
  }

  private static void insert(MongoCollection<Document> orders, int from, int to) {
    for (int id = from; id < to; id++) {
      orders.insertOne(new Document("_id", id).append("created_at", NOVEMBER).append("status", "delivered")
          .append("customer_notes", "x".repeat(200)));
    }
  }

  @Test
  void givesTheChangesAfterAPositionAndTheSameBatchAgainAfterARestart() {
    try (EmbeddedMongo mongo = EmbeddedMongo.start()) {
      MongoCollection<Document> orders = mongo.database().getCollection("orders");
      ChangeOffset start;
      ChangeOffset end;
      List<ChangeFeed.Change> batch;
      try (ChangeFeed feed = feed(settings(mongo))) {
        start = feed.open();
        insert(orders, 1, 4);
        orders.updateOne(Filters.eq("_id", 2), Updates.set("status", "cancelled"));
        orders.deleteOne(Filters.eq("_id", 3));

        batch = feed.after(start, 4);
        end = batch.get(batch.size() - 1).position();
        assertThat(ids(batch)).containsExactly("insert json:{\"$numberInt\": \"1\"}",
            "insert json:{\"$numberInt\": \"2\"}", "insert json:{\"$numberInt\": \"3\"}",
            "update json:{\"$numberInt\": \"2\"}");
        assertThat(end.seq()).isEqualTo(4);
        assertThat(feed.between(start, end)).isEqualTo(batch);
        assertThat(ids(feed.after(end, 10))).containsExactly("delete json:{\"$numberInt\": \"3\"}");
      }

      // a new driver (a restart) plans the uncommitted batch again from its offsets' JSON
      try (ChangeFeed restarted = feed(settings(mongo))) {
        List<ChangeFeed.Change> again = restarted.between(ChangeOffset.fromJson(start.json()),
            ChangeOffset.fromJson(end.json()));
        assertThat(ids(again)).isEqualTo(ids(batch));
        assertThat(again).extracting(ChangeFeed.Change::position).isEqualTo(
            batch.stream().map(ChangeFeed.Change::position).toList());
        insert(orders, 10, 11);
        assertThat(ids(restarted.after(end, 10))).containsExactly("delete json:{\"$numberInt\": \"3\"}",
            "insert json:{\"$numberInt\": \"10\"}");
      }
      assertThat(opened).containsExactly("new at 0", "resumed after 0");
    }
  }

  /**
   * A first batch read again after a restart resumes from the first position: it must hold the
   * same changes, also those made in the same second just before the stream opened.
   */
  @Test
  void theFirstBatchReadAgainIsTheSameBatch() throws Exception {
    try (EmbeddedMongo mongo = EmbeddedMongo.start()) {
      MongoCollection<Document> orders = mongo.database().getCollection("orders");
      insert(orders, 1, 3); // likely the same second as the first position
      ChangeOffset start;
      List<ChangeFeed.Change> first;
      try (ChangeFeed feed = feed(settings(mongo))) {
        start = feed.open();
        insert(orders, 3, 5);
        first = feed.after(start, 100);
      }
      try (ChangeFeed restarted = feed(settings(mongo))) {
        List<ChangeFeed.Change> again = restarted.between(start, first.get(first.size() - 1).position());
        assertThat(ids(again)).isEqualTo(ids(first));
      }
      assertThat(ids(first)).contains("insert json:{\"$numberInt\": \"3\"}", "insert json:{\"$numberInt\": \"4\"}");
    }
  }

  @Test
  void projectsEachEventToWhatTheAnalyticsRead() {
    try (EmbeddedMongo mongo = EmbeddedMongo.start(); ChangeFeed feed = feed(settings(mongo))) {
      ChangeOffset start = feed.open();
      insert(mongo.database().getCollection("orders"), 1, 2);

      RawBsonDocument event = new RawBsonDocument(feed.after(start, 10).get(0).event());

      assertThat(event.getDocument("fullDocument").keySet()).containsExactly("_id", "created_at");
      assertThat(OrderChange.of(event).createdAtAfter()).isEqualTo(NOVEMBER.toInstant());
    }
  }

  @Test
  void aResumePointThatLeftTheOplogIsReportedAsLost() {
    try (EmbeddedMongo mongo = EmbeddedMongo.start(DevMongoServer.OplogSettings.keeping(10))) {
      MongoCollection<Document> orders = mongo.database().getCollection("orders");
      ChangeOffset position;
      try (ChangeFeed feed = feed(settings(mongo))) {
        ChangeOffset start = feed.open();
        insert(orders, 1, 3);
        List<ChangeFeed.Change> changes = feed.after(start, 10);
        position = changes.get(changes.size() - 1).position();
      }
      insert(orders, 3, 40);

      try (ChangeFeed restarted = feed(settings(mongo))) {
        assertThatThrownBy(() -> restarted.after(position, 10))
            .isInstanceOfSatisfying(ChangeStreamLostException.class,
                lost -> assertThat(lost.since()).isEqualTo(position.time()))
            .hasMessageContaining("ChangeStreamHistoryLost");
      }
    }
  }

  /**
   * A new stream whose first second is older than the history the server still keeps (here a clock
   * a minute behind the server on its first reading; on a busy stand-in, the current second's
   * first entries already trimmed) is not a lost stream: it starts at a later second and reads
   * what comes after it.
   */
  @Test
  void aNewStreamStartsAfterTheHistoryItsFirstSecondPrecedes() throws Exception {
    try (EmbeddedMongo mongo = EmbeddedMongo.start(DevMongoServer.OplogSettings.keeping(10))) {
      MongoCollection<Document> orders = mongo.database().getCollection("orders");
      insert(orders, 1, 40);
      Thread.sleep(1100);
      Clock behindOnce = new Clock() {
        private boolean read;

        @Override
        public Instant instant() {
          Instant now = Instant.now();
          if (read) {
            return now;
          }
          read = true;
          return now.minusSeconds(60);
        }

        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          throw new UnsupportedOperationException();
        }
      };
      try (ChangeFeed feed = new ChangeFeed(settings(mongo), Duration.ofMillis(50), behindOnce, (from, fresh) -> { })) {
        ChangeOffset start = feed.open();
        insert(orders, 40, 43);

        assertThat(ids(feed.after(start, 10))).containsExactly("insert json:{\"$numberInt\": \"40\"}",
            "insert json:{\"$numberInt\": \"41\"}", "insert json:{\"$numberInt\": \"42\"}");
      }
    }
  }

  @Test
  void aDroppedCollectionEndsTheStream() {
    try (EmbeddedMongo mongo = EmbeddedMongo.start(); ChangeFeed feed = feed(settings(mongo))) {
      ChangeOffset start = feed.open();
      MongoCollection<Document> orders = mongo.database().getCollection("orders");
      insert(orders, 1, 2);
      orders.drop();

      assertThatThrownBy(() -> feed.after(start, 10)).isInstanceOf(ChangeStreamLostException.class)
          .hasMessageContaining("'drop'");
    }
  }
}
