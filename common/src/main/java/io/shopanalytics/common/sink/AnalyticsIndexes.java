package io.shopanalytics.common.sink;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.List;
import java.util.Map;

/**
 * The analytics collections' indexes: the unique keys of METRICS.md "Writes" plus the design's
 * query indexes. Creating an index that exists is a no-op, so every writer calls this first.
 */
public final class AnalyticsIndexes {
  public static final String PRODUCT_ANALYTICS = "product_analytics";
  public static final String SALES_ANALYTICS = "sales_analytics";
  public static final String CUSTOMER_ANALYTICS = "customer_analytics";
  public static final String REJECTS = "analytics_rejects";

  private static final IndexOptions UNIQUE = new IndexOptions().unique(true);

  public static final Map<String, List<IndexModel>> INDEXES = Map.of(
      PRODUCT_ANALYTICS, List.of(
          new IndexModel(Indexes.ascending("product_id", "period"), UNIQUE.name("product_id_period_unique")),
          new IndexModel(Indexes.descending("period")),
          new IndexModel(Indexes.compoundIndex(Indexes.ascending("product_id"), Indexes.descending("period"))),
          new IndexModel(Indexes.descending("metrics.total_revenue")),
          new IndexModel(Indexes.descending("period", "metrics.total_orders"))),
      SALES_ANALYTICS, List.of(
          new IndexModel(Indexes.ascending("period"), new IndexOptions().unique(true).name("period_unique")),
          new IndexModel(Indexes.descending("period")),
          new IndexModel(Indexes.ascending("period_start", "period_end")),
          new IndexModel(Indexes.descending("totals.total_revenue"))),
      CUSTOMER_ANALYTICS, List.of(
          new IndexModel(Indexes.ascending("user_id"), new IndexOptions().unique(true).name("user_id_unique")),
          new IndexModel(Indexes.ascending("customer_segment")),
          new IndexModel(Indexes.descending("rfm_score.total")),
          new IndexModel(Indexes.descending("lifetime_metrics.total_spent"))),
      REJECTS, List.of(
          new IndexModel(Indexes.ascending("run_id")),
          new IndexModel(Indexes.ascending("reason"))));

  private AnalyticsIndexes() {}

  public static void ensure(MongoDatabase database, String collection) {
    database.getCollection(collection).createIndexes(INDEXES.get(collection));
  }

  public static void ensureAll(MongoDatabase database) {
    INDEXES.keySet().forEach(collection -> ensure(database, collection));
  }
}
