package io.shopanalytics.jobs.analytics.transform;

import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.model.OrderStatus;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Typed reads of one row of {@link OrderSchema#VALIDATED}, by position.
 */
final class ValidatedOrder {
  private static final int ORDER_ID = OrderSchema.VALIDATED.fieldIndex(OrderSchema.ORDER_ID);
  private static final int USER_ID = OrderSchema.VALIDATED.fieldIndex(OrderSchema.USER_ID);
  private static final int CREATED_AT = OrderSchema.VALIDATED.fieldIndex(OrderSchema.CREATED_AT);
  private static final int UPDATED_AT = OrderSchema.VALIDATED.fieldIndex(OrderSchema.UPDATED_AT);
  private static final int PROCESSED = OrderSchema.VALIDATED.fieldIndex(OrderSchema.ANALYTICS_PROCESSED);
  private static final int STATUS = OrderSchema.VALIDATED.fieldIndex(OrderSchema.STATUS);
  private static final int PAYMENT_METHOD = OrderSchema.VALIDATED.fieldIndex(OrderSchema.PAYMENT_METHOD);
  private static final int ITEMS = OrderSchema.VALIDATED.fieldIndex(OrderSchema.ITEMS);
  private static final int REVENUE = OrderSchema.VALIDATED.fieldIndex(OrderSchema.ORDER_REVENUE);
  private static final int REVENUE_UNITS = OrderSchema.VALIDATED.fieldIndex(OrderSchema.ORDER_REVENUE_UNITS);
  private static final int QUANTITY = OrderSchema.VALIDATED.fieldIndex(OrderSchema.ORDER_QUANTITY);
  private static final int REJECT_REASON = OrderSchema.VALIDATED.fieldIndex(OrderSchema.REJECT_REASON);

  private static final int ITEM_PRODUCT_ID = OrderSchema.ITEM.fieldIndex(OrderSchema.ITEM_PRODUCT_ID);
  private static final int ITEM_SKU = OrderSchema.ITEM.fieldIndex(OrderSchema.ITEM_SKU);
  private static final int ITEM_NAME = OrderSchema.ITEM.fieldIndex(OrderSchema.ITEM_NAME);
  private static final int ITEM_CATEGORY = OrderSchema.ITEM.fieldIndex(OrderSchema.ITEM_CATEGORY);
  private static final int ITEM_QUANTITY = OrderSchema.ITEM.fieldIndex(OrderSchema.ITEM_QUANTITY);
  private static final int ITEM_REVENUE = OrderSchema.ITEM.fieldIndex(OrderSchema.ITEM_REVENUE);
  private static final int ITEM_REVENUE_UNITS = OrderSchema.ITEM.fieldIndex(OrderSchema.ITEM_REVENUE_UNITS);

  private ValidatedOrder() {}

  static String orderId(Row order) {
    return order.getString(ORDER_ID);
  }

  static String rejectReason(Row order) {
    return order.getString(REJECT_REASON);
  }

  static boolean processed(Row order) {
    return order.getBoolean(PROCESSED);
  }

  static Timestamp updatedAt(Row order) {
    return (Timestamp) order.get(UPDATED_AT);
  }

  /** A valid order whose status makes it a sale (docs/CONTRACT.md, 2. Which orders count). */
  static boolean isSale(Row order) {
    return order.isNullAt(REJECT_REASON) && OrderStatus.SALES.contains(order.getString(STATUS));
  }

  static boolean isReturned(Row order) {
    return OrderStatus.RETURNED.equals(order.getString(STATUS));
  }

  static String userId(Row order) {
    return order.getString(USER_ID);
  }

  static long createdAtMillis(Row order) {
    return ((Timestamp) order.get(CREATED_AT)).getTime();
  }

  static String paymentMethod(Row order) {
    return order.getString(PAYMENT_METHOD);
  }

  static long quantity(Row order) {
    return order.getLong(QUANTITY);
  }

  /** The order's revenue in units, or null when only {@link #revenue} holds it. */
  static Long revenueUnits(Row order) {
    return (Long) order.get(REVENUE_UNITS);
  }

  static BigDecimal revenue(Row order) {
    return order.getDecimal(REVENUE);
  }

  static List<?> items(Row order) {
    return RowArrays.list(order, ITEMS);
  }

  static String productId(Row item) {
    return item.getString(ITEM_PRODUCT_ID);
  }

  static String itemSku(Row item) {
    return item.getString(ITEM_SKU);
  }

  static String itemName(Row item) {
    return item.getString(ITEM_NAME);
  }

  static String itemCategory(Row item) {
    return item.getString(ITEM_CATEGORY);
  }

  static long itemQuantity(Row item) {
    return item.getLong(ITEM_QUANTITY);
  }

  static Long itemRevenueUnits(Row item) {
    return (Long) item.get(ITEM_REVENUE_UNITS);
  }

  static BigDecimal itemRevenue(Row item) {
    return item.getDecimal(ITEM_REVENUE);
  }
}
