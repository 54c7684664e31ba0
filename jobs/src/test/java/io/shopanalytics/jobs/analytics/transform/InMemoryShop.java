package io.shopanalytics.jobs.analytics.transform;

import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.model.ReferenceSchemas;
import io.shopanalytics.common.money.MoneyUnits;
import io.shopanalytics.common.testing.LocalSpark;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.common.validate.OrderValidator;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.bson.Document;

/**
 * In-memory inputs of the transforms, without any server: rows of {@link OrderSchema#VALIDATED}
 * (what validation hands on), and products and users rows of {@link ReferenceSchemas}.
 *
 * <pre>{@code
 * validated(order(1, 100, "2024-11-05T10:00:00Z", "delivered",
 *     item(7, 2, "19.99").category("Books"), item(8, 1, "5.00")).payment("paypal"))
 * }</pre>
 *
 * <p>Ids are numbers written as 24 hex digits ({@link #id}), as validation encodes an ObjectId, so
 * that their string order is the hex order the rankings break ties with. Line revenue is
 * quantity × unit price and the order's revenue and quantity are the sums of its lines, exactly,
 * as validation computes them; money carries the 18 decimals of {@link OrderSchema#MONEY}, and its
 * millionths beside where they hold it ({@link MoneyUnits}).
 */
final class InMemoryShop {
  private static final int MONEY_SCALE = OrderSchema.MONEY.scale();

  private InMemoryShop() {}

  /** The id numbered {@code n}: id(10) is {@code 00000000000000000000000a}. */
  static String id(long n) {
    return String.format("%024x", n);
  }

  static Timestamp at(String isoInstant) {
    return Timestamp.from(Instant.parse(isoInstant));
  }

  static Item item(long productId, long quantity, String unitPrice) {
    return new Item(id(productId), quantity, new BigDecimal(unitPrice));
  }

  /** A valid order paid by {@code card} (change it with {@link Order#payment}). */
  static Order order(long id, long userId, String createdAtIso, String status, Item... items) {
    return new Order(id(id), id(userId), at(createdAtIso), status, List.of(items));
  }

  /**
   * The row that {@link OrderValidator} makes of a source document (for instance one of
   * {@code io.shopanalytics.jobs.testdata.TestOrders}): for what validation decides and the
   * transforms then rely on, such as the payment method of an order without one.
   */
  static Row validatedFrom(Document source) {
    return new OrderValidator().validate(source.toBsonDocument());
  }

  static Dataset<Row> validated(Order... orders) {
    return validated(Arrays.stream(orders).map(Order::row).toArray(Row[]::new));
  }

  static Dataset<Row> validated(Row... rows) {
    return LocalSpark.session().createDataFrame(List.of(rows), OrderSchema.VALIDATED);
  }

  /**
   * The aggregation of {@code validated} over {@code periods} and, unless {@code asOf} is null, customers
   * up to {@code asOf}: what every output is read from.
   */
  static AnalyticsAggregation aggregation(Dataset<Row> validated, Dataset<Row> catalogue, Dataset<Row> users,
      List<Period> periods, AsOf asOf) {
    AnalyticsScope scope = AnalyticsScope.of(periods, asOf, true, true, asOf != null, false);
    return AnalyticsAggregation.of(validated, catalogue, users, scope, asOf);
  }

  static Row product(long id, String sku, String name, String category) {
    return RowFactory.create(id(id), sku, name, category);
  }

  static Dataset<Row> products(Row... products) {
    return LocalSpark.session().createDataFrame(List.of(products), ReferenceSchemas.PRODUCT);
  }

  static Row user(long id, String email) {
    return RowFactory.create(id(id), email);
  }

  static Dataset<Row> users(Row... users) {
    return LocalSpark.session().createDataFrame(List.of(users), ReferenceSchemas.USER);
  }

  private static BigDecimal money(BigDecimal amount) {
    return amount.setScale(MONEY_SCALE);
  }

  /** One line: product, quantity and unit price; sku, name and category null unless set. */
  static final class Item {
    private final String productId;
    private final long quantity;
    private final BigDecimal unitPrice;
    private String sku;
    private String name;
    private String category;

    private Item(String productId, long quantity, BigDecimal unitPrice) {
      this.productId = productId;
      this.quantity = quantity;
      this.unitPrice = unitPrice;
    }

    /** The category at sale time, stored on the item. */
    Item category(String category) {
      this.category = category;
      return this;
    }

    Item sku(String sku) {
      this.sku = sku;
      return this;
    }

    Item name(String name) {
      this.name = name;
      return this;
    }

    BigDecimal revenue() {
      return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }

    Row row() {
      return RowFactory.create(productId, sku, name, category, quantity, money(unitPrice), money(revenue()),
          MoneyUnits.of(revenue()));
    }
  }

  /** One valid order; {@link #row()} is its row of {@link OrderSchema#VALIDATED}. */
  static final class Order {
    private final String id;
    private final String userId;
    private final Timestamp createdAt;
    private final String status;
    private final List<Item> items;
    private String paymentMethod = "card";
    private String rejectReason;

    private Order(String id, String userId, Timestamp createdAt, String status, List<Item> items) {
      this.id = id;
      this.userId = userId;
      this.createdAt = createdAt;
      this.status = status;
      this.items = items;
    }

    Order payment(String method) {
      this.paymentMethod = method;
      return this;
    }

    /**
     * Marks the order rejected while keeping its fields (validation nulls them): a reject must count
     * nowhere because of its reason alone, whatever else its row holds.
     */
    Order rejected(String reason) {
      this.rejectReason = reason;
      return this;
    }

    Row row() {
      List<Row> lines = new ArrayList<>();
      BigDecimal revenue = BigDecimal.ZERO;
      long quantity = 0;
      for (Item item : items) {
        lines.add(item.row());
        revenue = revenue.add(item.revenue());
        quantity += item.quantity;
      }
      return RowFactory.create(id, userId, createdAt, createdAt, false, status, paymentMethod, lines, money(revenue),
          MoneyUnits.of(revenue), quantity, rejectReason);
    }
  }
}
