package io.shopanalytics.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * The three analytics collections of one database as computed: without the fields a write adds
 * ({@code _id}, {@code created_at}, {@code updated_at}, {@code lease_token}), each in the order of its unique key.
 */
record AnalyticsSnapshot(List<Document> products, List<Document> sales, List<Document> customers) {
  private static final Set<String> WRITE_FIELDS = Set.of("_id", "created_at", "updated_at", "lease_token");

  static AnalyticsSnapshot of(MongoDatabase database) {
    return new AnalyticsSnapshot(
        stored(database, "product_analytics", "product_id", "period"),
        stored(database, "sales_analytics", "period"),
        stored(database, "customer_analytics", "user_id"));
  }

  /** Equal document for document: nothing lost, nothing doubled, every value and BSON type the same. */
  void assertEqualTo(AnalyticsSnapshot expected) {
    assertSame("product_analytics", products, expected.products);
    assertSame("sales_analytics", sales, expected.sales);
    assertSame("customer_analytics", customers, expected.customers);
  }

  int size() {
    return products.size() + sales.size() + customers.size();
  }

  private static List<Document> stored(MongoDatabase database, String collection, String... key) {
    List<Document> documents = new ArrayList<>();
    for (Document document : database.getCollection(collection).find().sort(Sorts.ascending(key))) {
      WRITE_FIELDS.forEach(document::remove);
      documents.add(document);
    }
    return documents;
  }

  /** Document by document, so that a difference names the document instead of dumping thousands. */
  private static void assertSame(String collection, List<Document> actual, List<Document> expected) {
    assertThat(actual).as(collection + " documents").hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).toJson()).as(collection + " #" + i).isEqualTo(expected.get(i).toJson());
      assertThat(actual.get(i)).as(collection + " #" + i + " (types)").isEqualTo(expected.get(i));
    }
  }
}
