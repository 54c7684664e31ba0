package io.shopanalytics.jobs.load;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.List;
import java.util.Map;

/**
 * The indexes of users, products and orders. A sharded cluster enforces a unique index only when
 * it starts with the shard key, so when products are sharded on category the unique key becomes
 * (category, sku) and sku alone gets a plain index; skus embed the category code, so the pair is
 * as unique as the sku. Users keep a unique email: their shard key is email itself.
 */
final class SourceIndexes {
  static final String USERS = "users";
  static final String PRODUCTS = "products";
  static final String ORDERS = "orders";

  private SourceIndexes() {}

  static Map<String, List<IndexModel>> models(boolean productsShardedOnCategory) {
    List<IndexModel> products = productsShardedOnCategory
        ? List.of(
            new IndexModel(Indexes.ascending("category", "sku"), new IndexOptions().unique(true)),
            new IndexModel(Indexes.ascending("sku")),
            new IndexModel(Indexes.ascending("category")))
        : List.of(
            new IndexModel(Indexes.ascending("sku"), new IndexOptions().unique(true)),
            new IndexModel(Indexes.ascending("category")));
    return Map.of(
        USERS, List.of(new IndexModel(Indexes.ascending("email"), new IndexOptions().unique(true))),
        PRODUCTS, products,
        ORDERS, List.of(
            new IndexModel(Indexes.ascending("created_at")),
            new IndexModel(Indexes.compoundIndex(Indexes.ascending("user_id"), Indexes.descending("created_at"))),
            new IndexModel(Indexes.ascending("status")),
            new IndexModel(Indexes.ascending("analytics_processed"))));
  }

  static void ensure(MongoDatabase database, boolean productsShardedOnCategory) {
    models(productsShardedOnCategory).forEach((collection, indexes) -> database.getCollection(collection).createIndexes(indexes));
  }
}
