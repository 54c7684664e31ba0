package io.shopanalytics.common.validate;

/**
 * Why an order is malformed (docs/CONTRACT.md "Which orders count"). Rules are checked in this order and
 * the first that fails names the reject, so that each reject has exactly one reason.
 */
public enum RejectReason {
  CREATED_AT_INVALID("created_at_invalid", "created_at missing or not a date"),
  USER_ID_MISSING("user_id_missing", "user_id missing or null"),
  ITEMS_INVALID("items_invalid", "items missing, not an array, or empty"),
  ITEM_PRODUCT_ID_MISSING("item_product_id_missing", "an item has no product_id"),
  ITEM_QUANTITY_INVALID("item_quantity_invalid", "an item's quantity is missing, not a whole number, or < 1"),
  ITEM_UNIT_PRICE_INVALID("item_unit_price_invalid", "an item's unit_price is missing, not numeric, or negative"),
  STATUS_INVALID("status_invalid", "status missing or not a known status");

  private final String code;
  private final String description;

  RejectReason(String code, String description) {
    this.code = code;
    this.description = description;
  }

  /** The stable code stored in {@code analytics_rejects.reason} and used as the summary key. */
  public String code() {
    return code;
  }

  public String description() {
    return description;
  }
}
