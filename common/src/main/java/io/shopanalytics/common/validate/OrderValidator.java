package io.shopanalytics.common.validate;

import io.shopanalytics.common.model.Ids;
import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.model.OrderStatus;
import io.shopanalytics.common.money.ExactDecimals;
import io.shopanalytics.common.money.MoneySum;
import io.shopanalytics.common.money.MoneyUnits;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Turns one raw order into a validated row, or into a reject with its reason. This is the only
 * place where order fields are interpreted, whatever strategy read them.
 */
public final class OrderValidator implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Payment method of an order without one (docs/CONTRACT.md: not a reject). */
  public static final String UNKNOWN_PAYMENT_METHOD = "unknown";

  private static final int MONEY_SCALE = OrderSchema.MONEY.scale();
  private static final BigDecimal MONEY_LIMIT =
      BigDecimal.TEN.pow(OrderSchema.MONEY.precision() - OrderSchema.MONEY.scale());
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final int ITEM_QUANTITY_INDEX = OrderSchema.ITEM.fieldIndex(OrderSchema.ITEM_QUANTITY);
  private static final int ITEM_REVENUE_INDEX = OrderSchema.ITEM.fieldIndex(OrderSchema.ITEM_REVENUE);
  private static final int ITEM_REVENUE_UNITS_INDEX = OrderSchema.ITEM.fieldIndex(OrderSchema.ITEM_REVENUE_UNITS);

  private static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    final RejectReason reason;

    Rejected(RejectReason reason) {
      super(reason.code(), null, false, false);
      this.reason = reason;
    }
  }

  /** A row of {@link OrderSchema#VALIDATED}. */
  public Row validate(BsonDocument order) {
    return validate(OrderFields.of(order));
  }

  /** A row of {@link OrderSchema#VALIDATED} from the order's BSON bytes, read in one pass. */
  public Row validate(byte[] order) {
    return validate(OrderFields.read(order));
  }

  private static Row validate(OrderFields order) {
    String orderId = Ids.encode(order.id);
    Timestamp updatedAt = order.updatedAt != null && order.updatedAt.isDateTime()
        ? new Timestamp(order.updatedAt.asDateTime().getValue()) : null;
    boolean processed = order.processed != null && order.processed.isBoolean() && order.processed.asBoolean().getValue();
    try {
      Timestamp createdAt = createdAt(order.createdAt);
      String userId = userId(order.userId);
      Object[] items = items(items(order));
      MoneySum revenue = new MoneySum();
      long quantity = 0;
      for (Object item : items) {
        Row line = (Row) item;
        revenue.add((Long) line.get(ITEM_REVENUE_UNITS_INDEX), line.getDecimal(ITEM_REVENUE_INDEX));
        quantity = Math.addExact(quantity, line.getLong(ITEM_QUANTITY_INDEX));
      }
      BigDecimal exactRevenue = revenue.exact();
      if (exactRevenue.compareTo(MONEY_LIMIT) >= 0) {
        throw new Rejected(RejectReason.ITEM_UNIT_PRICE_INVALID);
      }
      String status = status(order.status);
      return validated(orderId, userId, createdAt, updatedAt, processed, status, paymentMethod(order.paymentMethod),
          items, toMoney(exactRevenue), revenue.inUnits() ? revenue.units() : null, quantity, null);
    } catch (Rejected rejected) {
      return validated(orderId, null, null, updatedAt, processed, null, null, null, null, null, null,
          rejected.reason.code());
    } catch (ArithmeticException quantityOverflow) {
      return validated(orderId, null, null, updatedAt, processed, null, null, null, null, null, null,
          RejectReason.ITEM_QUANTITY_INVALID.code());
    }
  }

  private static Row validated(Object... values) {
    return new GenericRowWithSchema(values, OrderSchema.VALIDATED);
  }

  private static Timestamp createdAt(BsonValue value) throws Rejected {
    if (value == null || !value.isDateTime()) {
      throw new Rejected(RejectReason.CREATED_AT_INVALID);
    }
    return new Timestamp(value.asDateTime().getValue());
  }

  private static String userId(BsonValue value) throws Rejected {
    if (value == null || value.isNull()) {
      throw new Rejected(RejectReason.USER_ID_MISSING);
    }
    return Ids.encode(value);
  }

  private static List<ItemFields> items(OrderFields order) throws Rejected {
    if (order.items == null || order.items.isEmpty()) {
      throw new Rejected(RejectReason.ITEMS_INVALID);
    }
    return order.items;
  }

  /**
   * Rule order decides the reason across items: a missing product_id anywhere wins over a bad
   * quantity anywhere, which wins over a bad price anywhere.
   */
  private static Object[] items(List<ItemFields> items) throws Rejected {
    for (ItemFields item : items) {
      if (item.productId == null || item.productId.isNull()) {
        throw new Rejected(RejectReason.ITEM_PRODUCT_ID_MISSING);
      }
    }
    long[] quantities = new long[items.size()];
    for (int i = 0; i < items.size(); i++) {
      quantities[i] = quantity(items.get(i).quantity);
    }
    Object[] rows = new Object[items.size()];
    for (int i = 0; i < items.size(); i++) {
      ItemFields item = items.get(i);
      BigDecimal unitPrice = unitPrice(item.unitPrice);
      BigDecimal revenue = unitPrice.multiply(BigDecimal.valueOf(quantities[i]));
      if (revenue.compareTo(MONEY_LIMIT) >= 0) {
        // a line worth 10^20 or more cannot be summed exactly: treated as a price out of range
        throw new Rejected(RejectReason.ITEM_UNIT_PRICE_INVALID);
      }
      rows[i] = new GenericRowWithSchema(new Object[] {Ids.encode(item.productId), optionalString(item.sku),
          optionalString(item.name), optionalString(item.category), quantities[i],
          toMoney(unitPrice), toMoney(revenue), MoneyUnits.of(revenue)}, OrderSchema.ITEM);
    }
    return rows;
  }

  private static long quantity(BsonValue value) throws Rejected {
    BigDecimal quantity = ExactDecimals.ofBsonNumber(value);
    if (quantity == null
        || quantity.signum() <= 0
        || quantity.stripTrailingZeros().scale() > 0
        || quantity.compareTo(LONG_MAX) > 0) {
      throw new Rejected(RejectReason.ITEM_QUANTITY_INVALID);
    }
    return quantity.longValueExact();
  }

  private static BigDecimal unitPrice(BsonValue value) throws Rejected {
    BigDecimal price = ExactDecimals.ofBsonNumber(value);
    if (price == null || price.signum() < 0 || price.compareTo(MONEY_LIMIT) >= 0) {
      throw new Rejected(RejectReason.ITEM_UNIT_PRICE_INVALID);
    }
    return price;
  }

  private static String status(BsonValue value) throws Rejected {
    if (value == null || !value.isString() || !OrderStatus.ALL.contains(value.asString().getValue())) {
      throw new Rejected(RejectReason.STATUS_INVALID);
    }
    return value.asString().getValue();
  }

  private static String paymentMethod(BsonValue method) {
    if (method != null && method.isString() && !method.asString().getValue().isEmpty()) {
      return method.asString().getValue();
    }
    return UNKNOWN_PAYMENT_METHOD;
  }

  /** A string field, or null when it is absent, null, empty or not a string. */
  private static String optionalString(BsonValue value) {
    if (value == null || !value.isString() || value.asString().getValue().isEmpty()) {
      return null;
    }
    return value.asString().getValue();
  }

  /** Exact up to 18 decimals; digits beyond (no real price has them) round half-even. */
  private static BigDecimal toMoney(BigDecimal value) {
    return value.setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
  }
}
