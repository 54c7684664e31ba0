package io.shopanalytics.jobs.testdata;

import static io.shopanalytics.jobs.oracle.ReferenceValidation.CREATED_AT_INVALID;
import static io.shopanalytics.jobs.oracle.ReferenceValidation.ITEMS_INVALID;
import static io.shopanalytics.jobs.oracle.ReferenceValidation.ITEM_PRODUCT_ID_MISSING;
import static io.shopanalytics.jobs.oracle.ReferenceValidation.ITEM_QUANTITY_INVALID;
import static io.shopanalytics.jobs.oracle.ReferenceValidation.ITEM_UNIT_PRICE_INVALID;
import static io.shopanalytics.jobs.oracle.ReferenceValidation.STATUS_INVALID;
import static io.shopanalytics.jobs.oracle.ReferenceValidation.USER_ID_MISSING;
import static io.shopanalytics.jobs.testdata.TestOrders.dec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bson.Document;

/**
 * The malformed orders of {@link RandomShopData}: each kind turns a valid order into a malformed
 * one, and names the reason the contract gives it. Several kinds break more than one rule, to
 * exercise the precedence (the first failing rule 1..7 wins).
 */
public final class MalformedOrders {
  /** A way to break an order, and the reject reason it must get. */
  public record Kind(String description, String expectedReason, UnaryOperator<Document> breakIt) {
    public Document applyTo(Document validOrder) {
      return breakIt.apply(copyWithTwoItems(validOrder));
    }
  }

  public static final List<Kind> KINDS = List.of(
      new Kind("created_at as a string", CREATED_AT_INVALID, o -> put(o, "created_at", "2024-11-05T10:00:00Z")),
      new Kind("created_at missing", CREATED_AT_INVALID, o -> remove(o, "created_at")),
      new Kind("created_at null", CREATED_AT_INVALID, o -> put(o, "created_at", null)),
      new Kind("created_at as epoch millis", CREATED_AT_INVALID, o -> put(o, "created_at", 1730800000000L)),
      new Kind("user_id null", USER_ID_MISSING, o -> put(o, "user_id", null)),
      new Kind("user_id missing", USER_ID_MISSING, o -> remove(o, "user_id")),
      new Kind("items missing", ITEMS_INVALID, o -> remove(o, "items")),
      new Kind("items empty", ITEMS_INVALID, o -> put(o, "items", new ArrayList<>())),
      new Kind("items as an object", ITEMS_INVALID, o -> put(o, "items", firstItem(o))),
      new Kind("items null", ITEMS_INVALID, o -> put(o, "items", null)),
      new Kind("an item without product_id", ITEM_PRODUCT_ID_MISSING, o -> removeInItem(o, 1, "product_id")),
      new Kind("an item with product_id null", ITEM_PRODUCT_ID_MISSING, o -> putInItem(o, 0, "product_id", null)),
      new Kind("an item that is a number", ITEM_PRODUCT_ID_MISSING, o -> replaceItem(o, 1, 42)),
      new Kind("an item that is a string", ITEM_PRODUCT_ID_MISSING, o -> replaceItem(o, 0, "sku-1")),
      new Kind("quantity 2.5", ITEM_QUANTITY_INVALID, o -> putInItem(o, 1, "quantity", 2.5)),
      new Kind("quantity 0", ITEM_QUANTITY_INVALID, o -> putInItem(o, 0, "quantity", 0)),
      new Kind("quantity -1 (int64)", ITEM_QUANTITY_INVALID, o -> putInItem(o, 0, "quantity", -1L)),
      new Kind("quantity missing", ITEM_QUANTITY_INVALID, o -> removeInItem(o, 1, "quantity")),
      new Kind("quantity as a string", ITEM_QUANTITY_INVALID, o -> putInItem(o, 0, "quantity", "2")),
      new Kind("quantity NaN", ITEM_QUANTITY_INVALID, o -> putInItem(o, 0, "quantity", Double.NaN)),
      new Kind("quantity decimal 1.5", ITEM_QUANTITY_INVALID, o -> putInItem(o, 1, "quantity", dec("1.5"))),
      new Kind("quantity 0.5", ITEM_QUANTITY_INVALID, o -> putInItem(o, 0, "quantity", 0.5)),
      new Kind("price as the string 12.50", ITEM_UNIT_PRICE_INVALID, o -> putInItem(o, 1, "unit_price", "12.50")),
      new Kind("price negative", ITEM_UNIT_PRICE_INVALID, o -> putInItem(o, 0, "unit_price", -1.5)),
      new Kind("price decimal -0.01", ITEM_UNIT_PRICE_INVALID, o -> putInItem(o, 1, "unit_price", dec("-0.01"))),
      new Kind("price missing", ITEM_UNIT_PRICE_INVALID, o -> removeInItem(o, 0, "unit_price")),
      new Kind("price infinite", ITEM_UNIT_PRICE_INVALID,
          o -> putInItem(o, 1, "unit_price", Double.POSITIVE_INFINITY)),
      new Kind("price decimal NaN", ITEM_UNIT_PRICE_INVALID, o -> putInItem(o, 0, "unit_price", dec("NaN"))),
      new Kind("price boolean", ITEM_UNIT_PRICE_INVALID, o -> putInItem(o, 0, "unit_price", true)),
      new Kind("status unknown", STATUS_INVALID, o -> put(o, "status", "unknown")),
      new Kind("status missing", STATUS_INVALID, o -> remove(o, "status")),
      new Kind("status capitalised", STATUS_INVALID, o -> put(o, "status", "Shipped")),
      new Kind("status not a string", STATUS_INVALID, o -> put(o, "status", 3)),
      new Kind("item 1 bad price, item 2 no product_id", ITEM_PRODUCT_ID_MISSING,
          o -> removeInItem(putInItem(o, 0, "unit_price", "9.99"), 1, "product_id")),
      new Kind("item 1 bad price, item 2 quantity 0", ITEM_QUANTITY_INVALID,
          o -> putInItem(putInItem(o, 0, "unit_price", -2), 1, "quantity", 0)),
      new Kind("created_at string and user_id null", CREATED_AT_INVALID,
          o -> put(put(o, "user_id", null), "created_at", "yesterday")),
      new Kind("user_id missing, items empty, status bad", USER_ID_MISSING,
          o -> put(put(remove(o, "user_id"), "items", new ArrayList<>()), "status", "bogus")),
      new Kind("status bad and price negative", ITEM_UNIT_PRICE_INVALID,
          o -> putInItem(put(o, "status", "lost"), 1, "unit_price", -0.01)),
      new Kind("pending order with quantity 0", ITEM_QUANTITY_INVALID,
          o -> putInItem(put(o, "status", "pending"), 0, "quantity", 0)));

  private MalformedOrders() {}

  private static Document copyWithTwoItems(Document order) {
    Document copy = new Document(order);
    List<Object> items = new ArrayList<>();
    for (Object item : (List<?>) order.get("items")) {
      items.add(new Document((Document) item));
    }
    while (items.size() < 2) {
      items.add(new Document((Document) items.get(0)));
    }
    copy.put("items", items);
    return copy;
  }

  private static Document put(Document order, String field, Object value) {
    order.put(field, value);
    return order;
  }

  private static Document remove(Document order, String field) {
    order.remove(field);
    return order;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> items(Document order) {
    return (List<Object>) order.get("items");
  }

  private static Document firstItem(Document order) {
    return (Document) items(order).get(0);
  }

  private static Document putInItem(Document order, int index, String field, Object value) {
    ((Document) items(order).get(index)).put(field, value);
    return order;
  }

  private static Document removeInItem(Document order, int index, String field) {
    ((Document) items(order).get(index)).remove(field);
    return order;
  }

  private static Document replaceItem(Document order, int index, Object element) {
    items(order).set(index, element);
    return order;
  }
}
