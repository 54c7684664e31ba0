package io.shopanalytics.common.model;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * Shapes of orders inside Spark.
 *
 * <p>{@link #RAW}: what every read strategy hands to validation, the order as BSON bytes (only the
 * projected fields). Keeping the bytes means that wrong BSON types (a string price, a 2.5 quantity)
 * reach validation intact instead of throwing, or being silently coerced, in a row converter.
 *
 * <p>{@link #VALIDATED}: one row per order read; {@code reject_reason} is null for a valid order.
 * Line revenue is computed exactly during validation because Spark's decimal multiplication would
 * drop scale. Beside each exact revenue, its millionths as a long when they hold it: what the
 * aggregates sum, without a {@code BigDecimal} per line.
 */
public final class OrderSchema {
  /** Money inside Spark: 20 integer digits and 18 decimals, enough for exact sums of real prices. */
  public static final DecimalType MONEY = DataTypes.createDecimalType(38, 18);

  public static final String RAW_DOCUMENT = "document";
  public static final StructType RAW = new StructType().add(RAW_DOCUMENT, DataTypes.BinaryType, false);

  public static final String ORDER_ID = "order_id";
  public static final String USER_ID = "user_id";
  public static final String CREATED_AT = "created_at";
  public static final String STATUS = "status";
  public static final String PAYMENT_METHOD = "payment_method";
  public static final String ITEMS = "items";
  public static final String REJECT_REASON = "reject_reason";
  /** Sum of the order's line revenues (merchandise revenue), exact. */
  public static final String ORDER_REVENUE = "order_revenue";
  /** The order's revenue in millionths (common.money.MoneyUnits), or null when it does not fit a long that way. */
  public static final String ORDER_REVENUE_UNITS = "order_revenue_units";
  /** Sum of the order's item quantities. */
  public static final String ORDER_QUANTITY = "order_quantity";
  public static final String UPDATED_AT = "updated_at";
  /** The ETL flag: true once an incremental run has processed the order (as last updated). */
  public static final String ANALYTICS_PROCESSED = "analytics_processed";

  public static final String ITEM_PRODUCT_ID = "product_id";
  public static final String ITEM_SKU = "sku";
  public static final String ITEM_NAME = "name";
  public static final String ITEM_CATEGORY = "category";
  public static final String ITEM_QUANTITY = "quantity";
  public static final String ITEM_UNIT_PRICE = "unit_price";
  public static final String ITEM_REVENUE = "revenue";
  /** The line's revenue in millionths (common.money.MoneyUnits), or null when it does not fit a long that way. */
  public static final String ITEM_REVENUE_UNITS = "revenue_units";

  public static final StructType ITEM = new StructType()
      .add(ITEM_PRODUCT_ID, DataTypes.StringType, false)
      .add(ITEM_SKU, DataTypes.StringType, true)
      .add(ITEM_NAME, DataTypes.StringType, true)
      .add(ITEM_CATEGORY, DataTypes.StringType, true)
      .add(ITEM_QUANTITY, DataTypes.LongType, false)
      .add(ITEM_UNIT_PRICE, MONEY, false)
      .add(ITEM_REVENUE, MONEY, false)
      .add(ITEM_REVENUE_UNITS, DataTypes.LongType, true);

  public static final StructType VALIDATED = new StructType()
      .add(ORDER_ID, DataTypes.StringType, false)
      .add(USER_ID, DataTypes.StringType, true)
      .add(CREATED_AT, DataTypes.TimestampType, true)
      .add(UPDATED_AT, DataTypes.TimestampType, true)
      .add(ANALYTICS_PROCESSED, DataTypes.BooleanType, false)
      .add(STATUS, DataTypes.StringType, true)
      .add(PAYMENT_METHOD, DataTypes.StringType, true)
      .add(ITEMS, DataTypes.createArrayType(ITEM, false), true)
      .add(ORDER_REVENUE, MONEY, true)
      .add(ORDER_REVENUE_UNITS, DataTypes.LongType, true)
      .add(ORDER_QUANTITY, DataTypes.LongType, true)
      .add(REJECT_REASON, DataTypes.StringType, true);

  /**
   * The BSON fields every strategy must fetch (the projection). {@code items} is fetched whole: a
   * projection of sub-paths ({@code items.quantity}) silently drops array elements that are not
   * documents, and an order with such an item must be rejected, not read as valid.
   */
  public static final String[] SOURCE_FIELDS = {
    "_id", "user_id", "created_at", "updated_at", "analytics_processed", "status", "payment.method", "items"
  };

  private OrderSchema() {}

  public static DataType itemsType() {
    return VALIDATED.apply(ITEMS).dataType();
  }
}
