package io.shopanalytics.jobs.load;

import static io.shopanalytics.jobs.load.BsonValues.date;
import static io.shopanalytics.jobs.load.BsonValues.dateOrNull;
import static io.shopanalytics.jobs.load.BsonValues.money;

import io.shopanalytics.common.model.OrderStatus;
import io.shopanalytics.jobs.load.Catalog.Product;
import io.shopanalytics.jobs.load.Customers.Address;
import io.shopanalytics.jobs.load.Customers.Profile;
import io.shopanalytics.jobs.load.DocumentRandom.Stream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;

/** Order number {@code i} of a spec, built from its own random stream (thread-safe, order-free). */
final class OrderGenerator {
  static final List<String> PAYMENT_METHODS = List.of("credit_card", "paypal", "debit_card", "apple_pay", "bank_transfer");
  private static final WeightedSampler PAYMENT_MIX = new WeightedSampler(new double[] {0.70, 0.12, 0.09, 0.06, 0.03});
  private static final WeightedSampler ITEM_COUNT = new WeightedSampler(new double[] {0.45, 0.27, 0.15, 0.08, 0.05});
  private static final WeightedSampler QUANTITY = new WeightedSampler(new double[] {0.80, 0.14, 0.04, 0.015, 0.005});
  private static final List<String> CARD_BRANDS = List.of("visa", "mastercard", "amex", "discover");
  private static final List<String> CARRIERS = List.of("UPS", "FedEx", "USPS", "DHL");
  private static final BigDecimal FREE_SHIPPING_FROM = new BigDecimal("50.00");
  private static final BigDecimal STANDARD_SHIPPING = new BigDecimal("5.99");
  private static final BigDecimal EXPRESS_SHIPPING = new BigDecimal("14.99");
  private static final BigDecimal NEXT_DAY_SHIPPING = new BigDecimal("24.99");
  private static final BigDecimal HOLIDAY_PRICE = new BigDecimal("0.80");
  private static final BigDecimal PROMOTION_PRICE = new BigDecimal("0.90");

  private final LoadSpec spec;
  private final Catalog catalog;
  private final Customers customers;
  private final OrderCalendar calendar;
  private final long endOfWindow;

  OrderGenerator(LoadSpec spec, Catalog catalog, Customers customers) {
    this.spec = spec;
    this.catalog = catalog;
    this.customers = customers;
    this.calendar = new OrderCalendar(spec.from(), spec.to());
    this.endOfWindow = spec.windowEnd().toEpochMilli();
  }

  /** The mean number of lines per order: products' expected sales derive from it. */
  static double meanLinesPerOrder() {
    double mean = 0;
    for (int k = 0; k < ITEM_COUNT.size(); k++) {
      mean += (k + 1) * ITEM_COUNT.probability(k);
    }
    return mean;
  }

  BsonDocument document(int index) {
    SplittableRandom random = DocumentRandom.of(spec.seed(), Stream.ORDERS, index);
    long createdAt = calendar.pick(random);
    Profile customer = customers.profile(customers.pickAt(random, createdAt));
    BsonArray items = new BsonArray();
    BigDecimal subtotal = BigDecimal.ZERO;
    for (Product product : distinctProducts(random)) {
      int quantity = 1 + QUANTITY.pick(random);
      BigDecimal unitPrice = priceAtSale(random, product, createdAt);
      subtotal = subtotal.add(unitPrice.multiply(BigDecimal.valueOf(quantity)));
      items.add(new BsonDocument("product_id", new BsonObjectId(product.id()))
          .append("sku", new BsonString(product.sku()))
          .append("name", new BsonString(product.name()))
          .append("category", new BsonString(product.category().name()))
          .append("quantity", new BsonInt32(quantity))
          .append("unit_price", money(unitPrice)));
    }
    Address address = customer.addresses().size() > 1 && random.nextDouble() < 0.2
        ? customer.addresses().get(1 + random.nextInt(customer.addresses().size() - 1))
        : customer.addresses().get(0);
    OrderLifecycle lifecycle = OrderLifecycle.simulate(random, createdAt, endOfWindow);
    BigDecimal tax = subtotal.multiply(address.city().taxRate()).setScale(2, RoundingMode.HALF_EVEN);
    BigDecimal shipping = shipping(lifecycle.delivery().name(), subtotal);
    BigDecimal total = subtotal.add(tax).add(shipping);
    String method = PAYMENT_METHODS.get(PAYMENT_MIX.pick(random));
    return new BsonDocument("_id", new BsonObjectId(DocumentRandom.objectId(createdAt, Stream.ORDERS, random, index)))
        .append("order_number", new BsonString(orderNumber(index, createdAt)))
        .append("user_id", new BsonObjectId(customer.id()))
        .append("customer_info", new BsonDocument("email", new BsonString(customer.email()))
            .append("first_name", new BsonString(customer.firstName()))
            .append("last_name", new BsonString(customer.lastName()))
            .append("phone", new BsonString(customer.phone())))
        .append("items", items)
        .append("totals", new BsonDocument("subtotal", money(subtotal))
            .append("tax", money(tax))
            .append("shipping", money(shipping))
            .append("total", money(total)))
        .append("shipping_address", UserDocuments.address(address, false))
        .append("payment", payment(random, method, total, lifecycle))
        .append("status", new BsonString(lifecycle.status()))
        .append("status_history", history(lifecycle))
        .append("delivery", delivery(random, lifecycle, createdAt))
        .append("analytics_processed", BsonBoolean.FALSE)
        .append("created_at", date(createdAt))
        .append("updated_at", date(lifecycle.updatedAt()));
  }

  private List<Product> distinctProducts(SplittableRandom random) {
    int wanted = Math.min(1 + ITEM_COUNT.pick(random), catalog.products().size());
    List<Product> chosen = new ArrayList<>(wanted);
    // best sellers repeat often: redraw duplicates a bounded number of times, then settle for fewer lines
    for (int attempt = 0; chosen.size() < wanted && attempt < wanted * 8; attempt++) {
      Product product = catalog.pickForOrderLine(random);
      if (!chosen.contains(product)) {
        chosen.add(product);
      }
    }
    return chosen;
  }

  /** The list price, or a promotion: frequent in Black Friday week, occasional otherwise. */
  private static BigDecimal priceAtSale(SplittableRandom random, Product product, long createdAt) {
    LocalDate day = Instant.ofEpochMilli(createdAt).atZone(ZoneOffset.UTC).toLocalDate();
    boolean holidaySale = (day.getMonthValue() == 11 && day.getDayOfMonth() >= 20)
        || (day.getMonthValue() == 12 && day.getDayOfMonth() <= 2);
    double roll = random.nextDouble();
    BigDecimal discount = holidaySale && roll < 0.35 ? HOLIDAY_PRICE : !holidaySale && roll < 0.08 ? PROMOTION_PRICE : null;
    return discount == null ? product.price()
        : product.price().multiply(discount).setScale(2, RoundingMode.HALF_EVEN);
  }

  private static BigDecimal shipping(String deliveryMethod, BigDecimal subtotal) {
    switch (deliveryMethod) {
      case "express":
        return EXPRESS_SHIPPING;
      case "next_day":
        return NEXT_DAY_SHIPPING;
      default:
        return subtotal.compareTo(FREE_SHIPPING_FROM) >= 0 ? BigDecimal.ZERO : STANDARD_SHIPPING;
    }
  }

  private static String orderNumber(int index, long createdAt) {
    int year = Instant.ofEpochMilli(createdAt).atZone(ZoneOffset.UTC).getYear();
    return "ORD-" + year + "-" + Digits.padded(index + 1, 6);
  }

  private static BsonDocument payment(SplittableRandom random, String method, BigDecimal total, OrderLifecycle lifecycle) {
    Long paidAt = lifecycle.reached(OrderStatus.PROCESSING);
    String status;
    switch (lifecycle.status()) {
      case OrderStatus.PENDING:
        status = "pending";
        break;
      case OrderStatus.CANCELLED:
        status = paidAt == null ? "voided" : "refunded";
        break;
      case OrderStatus.RETURNED:
        status = "refunded";
        break;
      default:
        status = "captured";
    }
    BsonDocument payment = new BsonDocument("method", new BsonString(method))
        .append("status", new BsonString(status))
        .append("transaction_id", new BsonString("txn_" + HexFormat.of().toHexDigits(random.nextLong())))
        .append("amount", money(total))
        .append("currency", new BsonString("USD"))
        .append("paid_at", dateOrNull(paidAt));
    if (method.endsWith("_card")) {
      payment.append("card", new BsonDocument("brand", new BsonString(DocumentRandom.pick(random, CARD_BRANDS)))
          .append("last4", new BsonString(Digits.padded(random.nextInt(10_000), 4))));
    }
    return payment;
  }

  private static BsonArray history(OrderLifecycle lifecycle) {
    BsonArray history = new BsonArray(lifecycle.steps().size());
    for (OrderLifecycle.Step step : lifecycle.steps()) {
      history.add(new BsonDocument("status", new BsonString(step.status())).append("timestamp", date(step.at())));
    }
    return history;
  }

  private static BsonDocument delivery(SplittableRandom random, OrderLifecycle lifecycle, long createdAt) {
    OrderLifecycle.DeliveryMethod method = lifecycle.delivery();
    Long shippedAt = lifecycle.reached(OrderStatus.SHIPPED);
    String carrier = DocumentRandom.pick(random, CARRIERS);
    long tracking = random.nextLong(1_000_000_000_000L, 10_000_000_000_000L);
    BsonValue trackingNumber = shippedAt == null ? BsonNull.VALUE : new BsonString(carrier.toUpperCase(java.util.Locale.ROOT) + tracking);
    return new BsonDocument("method", new BsonString(method.name()))
        .append("carrier", new BsonString(carrier))
        .append("tracking_number", trackingNumber)
        .append("estimated_delivery", date(createdAt + OrderCalendar.days(method.maxDays() + 1)))
        .append("shipped_at", dateOrNull(shippedAt))
        .append("delivered_at", dateOrNull(lifecycle.reached(OrderStatus.DELIVERED)));
  }
}
