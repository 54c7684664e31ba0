package io.shopanalytics.jobs.analytics;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.shopanalytics.common.run.RunSummary;
import io.shopanalytics.common.testing.EmbeddedMongo;
import io.shopanalytics.common.testing.SparkTestBase;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Runs the real suite (reader, validation, transforms, writer) against an embedded wire-protocol
 * server, and reads back what was stored.
 */
abstract class AnalyticsTestBase extends SparkTestBase {
  /** Fields the writer adds, not part of the computed documents. */
  static final Set<String> WRITE_FIELDS = Set.of("_id", "created_at", "updated_at");

  static EmbeddedMongo mongo;

  @BeforeAll
  static void startMongo() {
    mongo = EmbeddedMongo.start();
  }

  @AfterAll
  static void stopMongo() {
    mongo.close();
  }

  @BeforeEach
  void emptyDatabase() {
    mongo.clear();
  }

  static MongoDatabase db() {
    return mongo.database();
  }

  static void insert(List<Document> orders, List<Document> products, List<Document> users) {
    insertAll("orders", orders);
    insertAll("products", products);
    insertAll("users", users);
  }

  private static void insertAll(String collection, List<Document> documents) {
    if (!documents.isEmpty()) {
      // copies: the driver adds _id to documents that lack one, and fixtures are shared constants
      db().getCollection(collection).insertMany(documents.stream().map(Document::new).toList());
    }
  }

  static RunRequest.Builder request(List<Period> periods, AsOf asOf) {
    return RunRequest.builder(mongo.settings().build()).periods(periods).asOf(asOf)
        .outputs(EnumSet.allOf(AnalyticsOutput.class));
  }

  static RunSummary run(RunRequest.Builder request) throws Exception {
    return new AnalyticsSuite(spark).execute(request.build());
  }

  static RunSummary runAll(List<Period> periods, AsOf asOf) throws Exception {
    return run(request(periods, asOf));
  }

  /** A collection as stored, without the writer's fields, in key order. */
  static List<Document> stored(String collection, String... sortKeys) {
    List<Document> documents = new ArrayList<>();
    for (Document document : db().getCollection(collection).find().sort(Sorts.ascending(sortKeys))) {
      WRITE_FIELDS.forEach(document::remove);
      documents.add(document);
    }
    return documents;
  }

  static List<Document> storedProducts() {
    return stored("product_analytics", "product_id", "period");
  }

  static List<Document> storedSales() {
    return stored("sales_analytics", "period");
  }

  static List<Document> storedCustomers() {
    return stored("customer_analytics", "user_id");
  }
}
