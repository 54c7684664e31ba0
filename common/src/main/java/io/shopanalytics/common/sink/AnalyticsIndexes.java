package io.shopanalytics.common.sink;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.List;
import java.util.Map;

/**
 * The analytics collections' indexes: the unique keys of docs/CONTRACT.md, "Writes" plus the design's
 * query indexes. Creating an index that exists is a no-op, so every writer calls this first.
 */
public final class AnalyticsIndexes {
  public static final String PRODUCT_ANALYTICS = "product_analytics";
  public static final String SALES_ANALYTICS = "sales_analytics";
  public static final String CUSTOMER_ANALYTICS = "customer_analytics";
  public static final String REJECTS = "analytics_rejects";

  /** Each analytics collection's unique key (docs/CONTRACT.md, "Writes"): the fields a document is upserted by. */
  public static final Map<String, List<String>> KEYS = Map.of(
      PRODUCT_ANALYTICS, List.of("product_id", "period"),
      SALES_ANALYTICS, List.of("period"),
      CUSTOMER_ANALYTICS, List.of("user_id"),
      REJECTS, List.of("_id"));

  public static final Map<String, List<IndexModel>> INDEXES = Map.of(
      PRODUCT_ANALYTICS, List.of(
          unique(PRODUCT_ANALYTICS, "product_id_period_unique"),
          new IndexModel(Indexes.descending("period")),
          new IndexModel(Indexes.compoundIndex(Indexes.ascending("product_id"), Indexes.descending("period"))),
          new IndexModel(Indexes.descending("metrics.total_revenue")),
          new IndexModel(Indexes.descending("period", "metrics.total_orders"))),
      SALES_ANALYTICS, List.of(
          unique(SALES_ANALYTICS, "period_unique"),
          new IndexModel(Indexes.descending("period")),
          new IndexModel(Indexes.ascending("period_start", "period_end")),
          new IndexModel(Indexes.descending("totals.total_revenue"))),
      CUSTOMER_ANALYTICS, List.of(
          unique(CUSTOMER_ANALYTICS, "user_id_unique"),
          new IndexModel(Indexes.ascending("customer_segment")),
          new IndexModel(Indexes.descending("rfm_score.total")),
          new IndexModel(Indexes.descending("lifetime_metrics.total_spent"))),
      REJECTS, List.of(
          new IndexModel(Indexes.ascending("run_id")),
          new IndexModel(Indexes.ascending("reason"))));

  private AnalyticsIndexes() {}

  public static List<String> key(String collection) {
    return KEYS.get(collection);
  }

  private static IndexModel unique(String collection, String name) {
    return new IndexModel(Indexes.ascending(KEYS.get(collection)), new IndexOptions().unique(true).name(name));
  }

  public static void ensure(MongoDatabase database, String collection) {
    database.getCollection(collection).createIndexes(INDEXES.get(collection));
  }

  public static void ensureAll(MongoDatabase database) {
    INDEXES.keySet().forEach(collection -> ensure(database, collection));
  }
}
