package io.shopanalytics.jobs.testdata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Concise hand-made source documents for fixture tests. Values are stored exactly as given, so a
 * test chooses the BSON type: {@code price(19.99)} is a double, {@code price(dec("19.99"))} a
 * decimal128, {@code price(20)} an int32, {@code price(20L)} an int64, {@code price("12.50")} a
 * string (invalid).
 *
 * <pre>{@code
 * Document o = order(oid(1), oid(100), "2024-11-05T10:00:00Z", "delivered")
 *     .payment("credit_card")
 *     .item(item(oid(7), 2, 19.99).category("Electronics"))
 *     .build();
 * }</pre>
 */
public final class TestOrders {
  private TestOrders() {}

  /** A readable deterministic ObjectId: oid(10) is 00000000000000000000000a. */
  public static ObjectId oid(long n) {
    return new ObjectId(String.format("%024x", n));
  }

  /** A BSON date from an ISO-8601 instant such as "2024-11-30T23:59:59.999Z". */
  public static Date date(String isoInstant) {
    return Date.from(Instant.parse(isoInstant));
  }

  public static Decimal128 dec(String value) {
    return Decimal128.parse(value);
  }

  /** An order with the four fields nearly every test sets; no payment and no items until added. */
  public static OrderBuilder order(Object id, Object userId, String createdAtIso, String status) {
    return new OrderBuilder()
        .set("_id", id)
        .set("user_id", userId)
        .set("created_at", date(createdAtIso))
        .set("status", status);
  }

  /** An empty order, for malformed documents built field by field. */
  public static OrderBuilder order() {
    return new OrderBuilder();
  }

  public static ItemBuilder item(Object productId, Object quantity, Object unitPrice) {
    return new ItemBuilder().set("product_id", productId).set("quantity", quantity).set("unit_price", unitPrice);
  }

  /** A products document; a null argument leaves that field out. */
  public static Document product(Object id, String sku, String name, String category) {
    return withoutNulls(new Document("_id", id).append("sku", sku).append("name", name).append("category", category));
  }

  /** A users document; a null email leaves the field out. */
  public static Document user(Object id, String email) {
    return withoutNulls(new Document("_id", id).append("email", email));
  }

  private static Document withoutNulls(Document document) {
    document.values().removeIf(value -> value == null);
    return document;
  }

  public static final class OrderBuilder {
    private final Document order = new Document();
    private final List<Object> items = new ArrayList<>();
    private boolean itemsReplaced;

    private OrderBuilder() {}

    /** Any field with any raw value (null included); a later call replaces it. */
    public OrderBuilder set(String field, Object value) {
      order.put(field, value);
      return this;
    }

    /** Leaves a field out ("missing", as opposed to null). */
    public OrderBuilder unset(String field) {
      order.remove(field);
      if (field.equals("items")) {
        itemsReplaced = true;
        items.clear();
      }
      return this;
    }

    public OrderBuilder createdAt(String isoInstant) {
      return set("created_at", date(isoInstant));
    }

    /** payment: {method: value}; the value may be anything (null, "", 42). */
    public OrderBuilder payment(Object method) {
      return set("payment", new Document("method", method));
    }

    public OrderBuilder item(ItemBuilder item) {
      return rawItem(item.build());
    }

    /** An items element that is anything at all (a number, a string...). */
    public OrderBuilder rawItem(Object element) {
      items.add(element);
      return this;
    }

    /** The items field itself replaced by a raw value (a document, null...). */
    public OrderBuilder rawItems(Object value) {
      itemsReplaced = true;
      items.clear();
      return set("items", value);
    }

    public Document build() {
      Document built = new Document(order);
      if (!itemsReplaced) {
        built.put("items", new ArrayList<>(items));
      }
      return built;
    }
  }

  public static final class ItemBuilder {
    private final Document item = new Document();

    private ItemBuilder() {}

    public ItemBuilder set(String field, Object value) {
      item.put(field, value);
      return this;
    }

    public ItemBuilder unset(String field) {
      item.remove(field);
      return this;
    }

    public ItemBuilder category(String category) {
      return set("category", category);
    }

    public ItemBuilder sku(String sku) {
      return set("sku", sku);
    }

    public ItemBuilder name(String name) {
      return set("name", name);
    }

    public Document build() {
      return new Document(item);
    }
  }
}
