package io.shopanalytics.jobs.analytics.transform;

import io.shopanalytics.common.model.ReferenceSchemas;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The products' current labels and categories by product id: the small side, a catalogue and not
 * a log, so it travels to every task whole (a broadcast) instead of being joined with the lines.
 */
public final class Catalogue implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A product's current values; any of them may be null (docs/CONTRACT.md, 6. Category and labels). */
  public record Product(String sku, String name, String category) implements Serializable {}

  private final Map<String, Product> products;

  private Catalogue(Map<String, Product> products) {
    this.products = products;
  }

  /** @param products rows of {@link ReferenceSchemas#PRODUCT} */
  public static Catalogue of(Dataset<Row> products) {
    Map<String, Product> byId = new HashMap<>();
    for (Row row : products.collectAsList()) {
      byId.put(row.getString(0), new Product(row.getString(1), row.getString(2), row.getString(3)));
    }
    return new Catalogue(byId);
  }

  /** The product, or null when it is no longer in the catalogue. */
  public Product get(String productId) {
    return products.get(productId);
  }

  public int size() {
    return products.size();
  }
}
