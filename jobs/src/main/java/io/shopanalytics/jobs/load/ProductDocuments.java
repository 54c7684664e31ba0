package io.shopanalytics.jobs.load;

import static io.shopanalytics.jobs.load.BsonValues.date;

import io.shopanalytics.jobs.load.Catalog.Product;
import io.shopanalytics.jobs.load.DocumentRandom.Stream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Product documents in the design's shape. The storefront counters (views, carts, purchases) follow
 * the product's popularity, so best sellers also look like best sellers there.
 */
final class ProductDocuments {
  private static final List<String> COLORS = List.of("black", "white", "silver", "navy", "red", "green", "beige", "grey");
  /** One department-specific attribute each, on top of brand, model and color. */
  private static final Map<String, Map.Entry<String, List<String>>> EXTRA_ATTRIBUTE = Map.of(
      "ELEC", Map.entry("warranty", List.of("12 months", "24 months", "36 months")),
      "FASH", Map.entry("size", List.of("XS", "S", "M", "L", "XL")),
      "HOME", Map.entry("material", List.of("oak", "steel", "cotton", "ceramic", "glass")),
      "SPRT", Map.entry("level", List.of("beginner", "intermediate", "pro")),
      "BEAU", Map.entry("skin_type", List.of("all", "dry", "oily", "sensitive")),
      "BOOK", Map.entry("format", List.of("hardcover", "paperback", "ebook")),
      "TOYS", Map.entry("age_range", List.of("3+", "6+", "8+", "12+")),
      "GROC", Map.entry("pack_size", List.of("250 g", "500 g", "1 kg")));

  private final LoadSpec spec;
  private final Catalog catalog;
  private final double expectedLines;

  ProductDocuments(LoadSpec spec, Catalog catalog) {
    this.spec = spec;
    this.catalog = catalog;
    this.expectedLines = spec.orders() * OrderGenerator.meanLinesPerOrder();
  }

  BsonDocument document(int index) {
    Product product = catalog.products().get(index);
    SplittableRandom random = DocumentRandom.of(spec.seed(), Stream.PRODUCT_DETAILS, index);
    long endOfWindow = spec.windowEnd().toEpochMilli();
    return new BsonDocument("_id", new BsonObjectId(product.id()))
        .append("sku", new BsonString(product.sku()))
        .append("name", new BsonString(product.name()))
        .append("description", new BsonString(product.name() + ": a " + product.noun().toLowerCase(Locale.ROOT)
            + " from " + product.brand() + "'s " + product.subcategory().name() + " range."))
        .append("category", new BsonString(product.category().name()))
        .append("subcategory", new BsonString(product.subcategory().name()))
        .append("price", BsonValues.money(product.price()))
        .append("currency", new BsonString("USD"))
        .append("inventory", inventory(random, endOfWindow))
        .append("attributes", attributes(random, product))
        .append("images", images(random, product))
        .append("ratings", new BsonDocument("average", new BsonDouble(Math.round((3.0 + 2.0 * Math.sqrt(random.nextDouble())) * 10) / 10.0))
            .append("count", new BsonInt32(random.nextInt(5 + (int) (catalog.lineShare(product) * expectedLines * 0.3)))))
        .append("analytics", analytics(random, product, endOfWindow))
        .append("tags", tags(product))
        .append("is_active", BsonBoolean.valueOf(random.nextDouble() < 0.95))
        .append("created_at", date(product.createdAt()))
        .append("updated_at", date(DocumentRandom.between(random, product.createdAt(), endOfWindow)));
  }

  private static BsonDocument inventory(SplittableRandom random, long endOfWindow) {
    return new BsonDocument("quantity", new BsonInt32(random.nextDouble() < 0.05 ? 0 : random.nextInt(1, 500)))
        .append("warehouse_location", new BsonString("WH-" + Digits.padded(1 + random.nextInt(5), 3)))
        .append("reorder_level", new BsonInt32(10 + 5 * random.nextInt(9)))
        .append("last_restock_date", date(DocumentRandom.between(random, endOfWindow - Duration.ofDays(60).toMillis(), endOfWindow)));
  }

  private static BsonDocument attributes(SplittableRandom random, Product product) {
    Map.Entry<String, List<String>> extra = EXTRA_ATTRIBUTE.get(product.category().code());
    return new BsonDocument("brand", new BsonString(product.brand()))
        .append("model", new BsonString(product.subcategory().code() + "-" + (100 + random.nextInt(900))))
        .append("color", new BsonString(DocumentRandom.pick(random, COLORS)))
        .append(extra.getKey(), new BsonString(DocumentRandom.pick(random, extra.getValue())));
  }

  private static BsonArray images(SplittableRandom random, Product product) {
    int count = 1 + random.nextInt(4);
    BsonArray images = new BsonArray(count);
    for (int i = 1; i <= count; i++) {
      images.add(new BsonString("https://cdn.example.com/products/" + product.sku().toLowerCase(Locale.ROOT) + "/" + i + ".jpg"));
    }
    return images;
  }

  /** Counters consistent with the funnel: views > carts > purchases; conversion = purchases / carts. */
  private BsonDocument analytics(SplittableRandom random, Product product, long endOfWindow) {
    long purchases = Math.round(catalog.lineShare(product) * expectedLines * (0.9 + 0.2 * random.nextDouble()));
    long carts = Math.max(purchases, Math.round(purchases * (1.6 + 1.4 * random.nextDouble())) + random.nextInt(5));
    long views = carts * (5 + random.nextInt(11)) + random.nextInt(50);
    double conversion = carts == 0 ? 0 : Math.round(10_000.0 * purchases / carts) / 10_000.0;
    BsonValue lastSold = purchases == 0 ? BsonNull.VALUE
        : date(DocumentRandom.between(random, endOfWindow - Duration.ofDays(30).toMillis(), endOfWindow));
    return new BsonDocument("view_count", new BsonInt64(views))
        .append("add_to_cart_count", new BsonInt64(carts))
        .append("purchase_count", new BsonInt64(purchases))
        .append("conversion_rate", new BsonDouble(conversion))
        .append("last_sold_at", lastSold);
  }

  private static BsonArray tags(Product product) {
    List<String> tags = new ArrayList<>(List.of(Categories.slug(product.category().name()),
        Categories.slug(product.subcategory().name()), Categories.slug(product.noun())));
    if (product.popularityRank() < 3) {
      tags.add("bestseller");
    }
    return BsonValues.strings(tags);
  }
}
