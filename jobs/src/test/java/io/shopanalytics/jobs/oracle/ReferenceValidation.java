package io.shopanalytics.jobs.oracle;

import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.bson.Document;

/**
 * The reject rules of docs/CONTRACT.md, "Which orders count", with the reason codes and the precedence the
 * lead fixed: the reason is that of the FIRST rule (1..7) that fails, and rules 4, 5 and 6 each look
 * at every item before the next rule is tried. So an order whose item 1 has a bad price and whose
 * item 2 has no product_id is {@code item_product_id_missing}.
 */
public final class ReferenceValidation {
  public static final String CREATED_AT_INVALID = "created_at_invalid";
  public static final String USER_ID_MISSING = "user_id_missing";
  public static final String ITEMS_INVALID = "items_invalid";
  public static final String ITEM_PRODUCT_ID_MISSING = "item_product_id_missing";
  public static final String ITEM_QUANTITY_INVALID = "item_quantity_invalid";
  public static final String ITEM_UNIT_PRICE_INVALID = "item_unit_price_invalid";
  public static final String STATUS_INVALID = "status_invalid";

  static final Set<String> SALE_STATUSES = Set.of("processing", "shipped", "delivered", "returned");
  static final Set<String> VALID_STATUSES =
      Set.of("pending", "processing", "shipped", "delivered", "cancelled", "returned");

  private ReferenceValidation() {}

  /** The reject reason of an order, or empty when the order is valid (a sale or not). */
  public static Optional<String> rejectReason(Document order) {
    // 1. created_at must be a BSON date (decoded as java.util.Date).
    if (!(order.get("created_at") instanceof Date)) {
      return Optional.of(CREATED_AT_INVALID);
    }
    // 2. user_id: Document.get gives null both for a missing field and for an explicit null.
    if (order.get("user_id") == null) {
      return Optional.of(USER_ID_MISSING);
    }
    // 3. items: an array (decoded as a List) with at least one element.
    if (!(order.get("items") instanceof List<?> items) || items.isEmpty()) {
      return Optional.of(ITEMS_INVALID);
    }
    // 4. An element that is not a document has no product_id.
    if (anyItemFails(items, item -> item.get("product_id") != null)) {
      return Optional.of(ITEM_PRODUCT_ID_MISSING);
    }
    // 5. Reached only when every element is a document (rule 4 passed).
    if (anyItemFails(items, item -> ReferenceNumbers.validQuantity(item.get("quantity")).isPresent())) {
      return Optional.of(ITEM_QUANTITY_INVALID);
    }
    // 6.
    if (anyItemFails(items, item -> ReferenceNumbers.validUnitPrice(item.get("unit_price")).isPresent())) {
      return Optional.of(ITEM_UNIT_PRICE_INVALID);
    }
    // 7. Case-sensitive: "Shipped" is not a status.
    if (!(order.get("status") instanceof String status) || !VALID_STATUSES.contains(status)) {
      return Optional.of(STATUS_INVALID);
    }
    return Optional.empty();
  }

  private static boolean anyItemFails(List<?> items, Predicate<Document> rule) {
    for (Object item : items) {
      if (!(item instanceof Document doc) || !rule.test(doc)) {
        return true;
      }
    }
    return false;
  }
}
