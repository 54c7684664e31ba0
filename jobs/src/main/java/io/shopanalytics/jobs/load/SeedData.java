package io.shopanalytics.jobs.load;

import java.util.List;
import org.bson.BsonDocument;

/**
 * Every document of a {@link LoadSpec}, by collection and index; no server needed. Public for the
 * benchmark, whose raw insert floor inserts the very documents the loader would.
 */
public final class SeedData {
  private final Catalog catalog;
  private final UserDocuments users;
  private final ProductDocuments products;
  private final OrderGenerator orders;

  public SeedData(LoadSpec spec) {
    catalog = new Catalog(spec);
    Customers customers = new Customers(spec);
    users = new UserDocuments(spec, customers);
    products = new ProductDocuments(spec, catalog);
    orders = new OrderGenerator(spec, catalog, customers);
  }

  BsonDocument user(int index) {
    return users.document(index);
  }

  BsonDocument product(int index) {
    return products.document(index);
  }

  public BsonDocument order(int index) {
    return orders.document(index);
  }

  /** Categories that have products, most popular first: what the sharding plan pins zones for. */
  List<String> categoriesByPopularity() {
    return catalog.stockedCategoryNames();
  }
}
