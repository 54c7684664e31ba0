package io.shopanalytics.common.mongo;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.List;
import java.util.Map;

/**
 * The source collections the jobs read and the loader seeds, and the indexes the jobs rely on: the
 * loader creates them, and the read strategies and incremental runs use them (created_at for time
 * slices, analytics_processed for dirty months). A sharded cluster enforces a unique index only when
 * it starts with the shard key, so when products are sharded on category the unique key becomes
 * (category, sku) and sku alone gets a plain index; skus embed the category code, so the pair is
 * as unique as the sku. Users keep a unique email: their shard key is email itself.
 */
public final class SourceCollections {
  public static final String USERS = "users";
  public static final String PRODUCTS = "products";
  public static final String ORDERS = "orders";

  private SourceCollections() {}

  public static Map<String, List<IndexModel>> indexes(boolean productsShardedOnCategory) {
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

  public static void ensureIndexes(MongoDatabase database, boolean productsShardedOnCategory) {
    indexes(productsShardedOnCategory).forEach((collection, indexes) -> database.getCollection(collection).createIndexes(indexes));
  }
}
