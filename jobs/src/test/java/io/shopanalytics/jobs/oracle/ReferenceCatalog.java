package io.shopanalytics.jobs.oracle;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** The products and users collections, looked up by {@code _id}. */
final class ReferenceCatalog {
  static final String UNKNOWN = "unknown";

  private final Map<Object, Document> productsById = new HashMap<>();
  private final Map<Object, Document> usersById = new HashMap<>();

  ReferenceCatalog(List<Document> products, List<Document> users) {
    for (Document product : products) {
      productsById.putIfAbsent(product.get("_id"), product);
    }
    for (Document user : users) {
      usersById.putIfAbsent(user.get("_id"), user);
    }
  }

  /** sku and name as written in outputs. */
  record Label(String sku, String name) {}

  /**
   * docs/CONTRACT.md, "Category": the item's own category when a non-empty string, else the product's
   * current category when a non-empty string, else "unknown". A blank " " is non-empty, so it is
   * a category (literal reading).
   */
  String categoryOf(Document item) {
    String own = nonEmptyString(item.get("category"));
    if (own != null) {
      return own;
    }
    Document product = productsById.get(item.get("product_id"));
    String current = product == null ? null : nonEmptyString(product.get("category"));
    return current != null ? current : UNKNOWN;
  }

  /**
   * sku and name of a product in a document whose scope holds {@code linesInScope} (the lines of
   * this product in the period): the current products document when it exists (its fields when
   * non-empty strings, else null, with no fall-back to items); when the product is gone, the item
   * of the latest sale line (greatest order created_at, ties by greatest order _id). Several lines
   * of that one order: the first in array order (the contract does not say; a documented choice).
   */
  Label labelOf(Object productId, Collection<SaleLine> linesInScope) {
    Document product = productsById.get(productId);
    if (product != null) {
      return new Label(nonEmptyString(product.get("sku")), nonEmptyString(product.get("name")));
    }
    SaleLine latest = null;
    for (SaleLine line : linesInScope) {
      if (latest == null || line.order().isLaterThan(latest.order())) {
        latest = line;
      }
    }
    return latest == null ? new Label(null, null) : new Label(latest.itemSku(), latest.itemName());
  }

  /** The user's email when the users document exists and its email is a string, else null. */
  String emailOf(Object userId) {
    Document user = usersById.get(userId);
    return user != null && user.get("email") instanceof String email ? email : null;
  }

  static String nonEmptyString(Object value) {
    return value instanceof String s && !s.isEmpty() ? s : null;
  }
}
