package io.shopanalytics.jobs.cluster;

import com.mongodb.client.MongoDatabase;
import io.shopanalytics.jobs.testdata.RandomShopData.ShopData;
import io.shopanalytics.jobs.testdata.RandomShopData;
import java.util.List;
import org.bson.Document;

/**
 * One generated shop, deterministic per seed, inserted identically into every database a cluster
 * test runs against, so that the runs can be compared document for document.
 */
final class SeededShop {
  private static final int INSERT_BATCH = 5_000;

  private final ShopData shop;

  private SeededShop(ShopData shop) {
    this.shop = shop;
  }

  static SeededShop generate(long seed, int users, int products, int orders) {
    return new SeededShop(RandomShopData.generate(seed, users, products, orders));
  }

  void insertInto(MongoDatabase database) {
    insert(database, "users", shop.users());
    insert(database, "products", shop.products());
    insert(database, "orders", shop.orders());
  }

  int orders() {
    return shop.orders().size();
  }

  private static void insert(MongoDatabase database, String collection, List<Document> documents) {
    for (int from = 0; from < documents.size(); from += INSERT_BATCH) {
      // copies: the driver adds _id to documents that lack one, and every database gets the same documents
      List<Document> batch = documents.subList(from, Math.min(documents.size(), from + INSERT_BATCH)).stream()
          .map(Document::new).toList();
      database.getCollection(collection).insertMany(batch);
    }
  }
}
