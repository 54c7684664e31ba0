package io.shopanalytics.jobs.analytics.transform;

import io.shopanalytics.common.model.OrderSchema;
import java.math.BigDecimal;
import java.sql.Timestamp;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What one read task hands on about its orders, in one shape for all kinds so that one shuffle
 * carries them all (docs/ARCHITECTURE.md, 6. Computing and writing): each row's {@link #ROUTE} sends
 * it to the task that adds up its key, and its kind says which fields it uses.
 */
final class Contribution {
  /** A product's lines in one sale order: key product id, with period, day, user, quantity, revenue, labels. */
  static final byte PRODUCT_SALE = 1;
  /** One sale order of a user: key user id, with period (null outside the run's months), revenue, quantity, flags, method, categories. */
  static final byte CUSTOMER_SALE = 2;
  /** A user's email: key user id. */
  static final byte USER = 3;
  /** A task's sales totals of one month: key period, with entries. */
  static final byte SALES = 4;
  /** A task's count of orders read, sales and rejects: entries. */
  static final byte TALLY = 5;
  /** A malformed order: key order id, with its reason. */
  static final byte REJECT = 6;
  /** An order not yet processed: key order id, with updated_at. */
  static final byte UNPROCESSED = 7;

  static final String ROUTE = "route";
  static final StructType SCHEMA = new StructType()
      .add(ROUTE, DataTypes.IntegerType, false)
      .add("kind", DataTypes.ByteType, false)
      .add("key", DataTypes.StringType, true)
      .add("period", DataTypes.StringType, true)
      .add("day", DataTypes.LongType, false)
      .add("created_at", DataTypes.LongType, false)
      .add("user_id", DataTypes.StringType, true)
      .add("quantity", DataTypes.LongType, false)
      .add("units", DataTypes.LongType, false)
      .add("beyond_units", OrderSchema.MONEY, true)
      .add("returned", DataTypes.BooleanType, false)
      .add("for_customers", DataTypes.BooleanType, false)
      .add("text", DataTypes.StringType, true)
      .add("item_name", DataTypes.StringType, true)
      .add("order_id", DataTypes.StringType, true)
      .add("line", DataTypes.IntegerType, false)
      .add("updated_at", DataTypes.TimestampType, true)
      .add("entries", DataTypes.createArrayType(Entries.SCHEMA, false), true);

  static final int KIND = 1;
  static final int KEY = 2;
  static final int PERIOD = 3;
  static final int DAY = 4;
  static final int CREATED_AT = 5;
  static final int USER_ID = 6;
  static final int QUANTITY = 7;
  static final int UNITS = 8;
  static final int BEYOND_UNITS = 9;
  static final int RETURNED = 10;
  static final int FOR_CUSTOMERS = 11;
  /** The item's sku (product sale), the payment method (customer sale), the email (user), the reason (reject). */
  static final int TEXT = 12;
  static final int ITEM_NAME = 13;
  static final int ORDER_ID = 14;
  static final int LINE = 15;
  static final int UPDATED_AT = 16;
  static final int ENTRIES = 17;

  private Contribution() {}

  /**
   * @param label the item's sku and name, order id and line, for a product gone from the catalogue
   *     (docs/CONTRACT.md, 6. Category and labels); null otherwise
   */
  static Row productSale(String productId, String period, long day, String userId, long createdAt, long quantity,
      long units, BigDecimal beyondUnits, ItemLabel label) {
    return row(routeOf(productId, period), PRODUCT_SALE, productId, period, day, createdAt, userId, quantity, units,
        beyondUnits, false, false, label == null ? null : label.sku(), label == null ? null : label.name(),
        label == null ? null : label.orderId(), label == null ? 0 : label.line(), null, null);
  }

  static Row customerSale(String userId, String period, long createdAt, long quantity, long units,
      BigDecimal beyondUnits, boolean returned, boolean forCustomers, String method, Object[] categories) {
    return row(routeOf(userId), CUSTOMER_SALE, userId, period, SaleCalendar.epochDay(createdAt), createdAt, null,
        quantity, units, beyondUnits, returned, forCustomers, method, null, null, 0, null, categories);
  }

  static Row user(String userId, String email) {
    return row(routeOf(userId), USER, userId, null, 0, 0, null, 0, 0, null, false, false, email, null, null, 0, null,
        null);
  }

  static Row sales(String period, Object[] entries) {
    return row(routeOf(period), SALES, period, null, 0, 0, null, 0, 0, null, false, false, null, null, null, 0, null,
        entries);
  }

  static Row tally(Object[] entries) {
    return row(0, TALLY, null, null, 0, 0, null, 0, 0, null, false, false, null, null, null, 0, null, entries);
  }

  static Row reject(String orderId, String reason) {
    return row(routeOf(orderId), REJECT, orderId, null, 0, 0, null, 0, 0, null, false, false, reason, null, null, 0,
        null, null);
  }

  static Row unprocessed(String orderId, Timestamp updatedAt) {
    return row(routeOf(orderId), UNPROCESSED, orderId, null, 0, 0, null, 0, 0, null, false, false, null, null, null, 0,
        updatedAt, null);
  }

  /** The route of a product's month: every sale of it goes to one task. */
  static int routeOf(String productId, String period) {
    return 31 * productId.hashCode() + period.hashCode();
  }

  static int routeOf(String key) {
    return key.hashCode();
  }

  // typed, so that every value has the boxed type of its column
  private static Row row(int route, byte kind, String key, String period, long day, long createdAt, String userId,
      long quantity, long units, BigDecimal beyondUnits, boolean returned, boolean forCustomers, String text,
      String itemName, String orderId, int line, Timestamp updatedAt, Object[] entries) {
    return new GenericRowWithSchema(new Object[] {route, kind, key, period, day, createdAt, userId, quantity, units,
        beyondUnits, returned, forCustomers, text, itemName, orderId, line, updatedAt, entries}, SCHEMA);
  }

  /** How a product gone from the catalogue is labelled: its latest line's item (docs/CONTRACT.md, 6). */
  record ItemLabel(String sku, String name, String orderId, int line) {}
}
