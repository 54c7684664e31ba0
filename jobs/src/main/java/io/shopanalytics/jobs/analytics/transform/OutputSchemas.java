package io.shopanalytics.jobs.analytics.transform;

import io.shopanalytics.common.money.MoneyColumns;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The stored shapes of the output rows (docs/CONTRACT.md, 7. Stored types and 8 to 10), which the
 * writer turns into documents field by field; and the customers' shape before RFM scoring.
 */
public final class OutputSchemas {
  /** The month field of product and sales analytics: the scope of their leases and sweeps. */
  public static final String PERIOD = "period";
  /** The product's latest sale in the month: feeds products.analytics.last_sold_at (docs/CONTRACT.md, 13.4). */
  public static final String LAST_SOLD_AT = "last_sold_at";
  private static final DataType MONEY = MoneyColumns.STORED;
  private static final DataType COUNT = DataTypes.LongType;
  private static final DataType TEXT = DataTypes.StringType;
  private static final DataType TIME = DataTypes.TimestampType;

  static final StructType PRODUCT = new StructType()
      .add("product_id", TEXT, false)
      .add(PERIOD, TEXT, false)
      .add("period_start", TIME, false)
      .add("period_end", TIME, false)
      .add("sku", TEXT, true)
      .add("name", TEXT, true)
      .add("metrics", new StructType()
          .add("total_orders", COUNT, false)
          .add("total_quantity_sold", COUNT, false)
          .add("total_revenue", MONEY, false)
          .add("average_order_value", MONEY, false)
          .add("unique_customers", COUNT, false), false)
      .add("daily_breakdown", arrayOf(new StructType()
          .add("date", TEXT, false)
          .add("orders", COUNT, false)
          .add("quantity", COUNT, false)
          .add("revenue", MONEY, false)), false)
      .add("top_customers", arrayOf(new StructType()
          .add("user_id", TEXT, false)
          .add("total_spent", MONEY, false)
          .add("order_count", COUNT, false)), false)
      .add(LAST_SOLD_AT, TIME, false);

  static final StructType TOP_PRODUCT = new StructType()
      .add("product_id", TEXT, false)
      .add("sku", TEXT, true)
      .add("name", TEXT, true)
      .add("quantity_sold", COUNT, false)
      .add("revenue", MONEY, false);

  /** An entry of by_category (its name field is {@code category}) or by_payment_method ({@code method}). */
  static StructType share(String nameField) {
    return new StructType()
        .add(nameField, TEXT, false)
        .add("orders", COUNT, false)
        .add("revenue", MONEY, false)
        .add("percentage", DataTypes.DoubleType, false);
  }

  static final StructType SALES_TOTALS = new StructType()
      .add("total_orders", COUNT, false)
      .add("total_revenue", MONEY, false)
      .add("total_customers", COUNT, false)
      .add("average_order_value", MONEY, false);

  static final StructType DAY_TREND = new StructType()
      .add("date", TEXT, false)
      .add("orders", COUNT, false)
      .add("revenue", MONEY, false);

  static final StructType SALES = new StructType()
      .add(PERIOD, TEXT, false)
      .add("period_start", TIME, false)
      .add("period_end", TIME, false)
      .add("totals", SALES_TOTALS, false)
      .add("by_category", arrayOf(share("category")), false)
      .add("by_payment_method", arrayOf(share("method")), false)
      .add("top_products", arrayOf(TOP_PRODUCT), false)
      .add("daily_trend", arrayOf(DAY_TREND), false);

  /** A customer's lifetime values and behaviour, before the RFM scores over all customers. */
  static final StructType CUSTOMER_VALUES = new StructType()
      .add("user_id", TEXT, false)
      .add("email", TEXT, true)
      .add("total_orders", COUNT, false)
      .add("total_spent", MONEY, false)
      .add("average_order_value", MONEY, false)
      .add("first_order_date", TIME, false)
      .add("last_order_date", TIME, false)
      .add("days_as_customer", DataTypes.IntegerType, false)
      .add("favorite_categories", arrayOf(TEXT), false)
      .add("preferred_payment_method", TEXT, false)
      .add("average_items_per_order", DataTypes.DoubleType, false)
      .add("return_rate", DataTypes.DoubleType, false)
      .add("recency_value", DataTypes.IntegerType, false);

  private OutputSchemas() {}

  /** The shape of the elements of an array field of {@code schema}. */
  static StructType elementOf(StructType schema, String arrayField) {
    return (StructType) ((ArrayType) schema.apply(arrayField).dataType()).elementType();
  }

  private static ArrayType arrayOf(DataType element) {
    return DataTypes.createArrayType(element, false);
  }
}
