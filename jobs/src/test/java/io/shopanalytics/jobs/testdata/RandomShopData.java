package io.shopanalytics.jobs.testdata;

import static io.shopanalytics.jobs.testdata.TestOrders.date;
import static io.shopanalytics.jobs.testdata.TestOrders.dec;

import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.oracle.ReferenceAnalytics;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Random shop data full of edge cases, deterministic per seed, for comparing the Spark jobs with
 * {@link ReferenceAnalytics}. Run the jobs for {@link #PERIODS} and {@link #AS_OF}.
 *
 * <p>{@link #PERIODS} are 2024-09 to 2024-12: 2024-09 is a quiet month where only the sweep below
 * and one boundary sale happen, 2024-10 to 2024-12 are busy.
 *
 * <p>What it contains (each scenario is generated while the order budget lasts, in this order):
 * <ol>
 *   <li>malformed orders (a fraction of the budget) cycling through every {@link MalformedOrders}
 *       kind: every reject reason and the precedence cases appear once the malformed count reaches
 *       the number of kinds; one in eight is dated 2025-02, outside every scope (not read);
 *   <li>a sale at each boundary instant: period starts, 23:59:59.999 on months' last days, the end
 *       of the as_of day and the next millisecond, the first instant after the last period;
 *   <li>a hot product (the first product): 12 customers spending exactly 5000.00 on it on one day
 *       in 2024-11 (more than random orders usually reach, so they tie at the top-10 cut) and one
 *       customer buying it in 11 orders of 1000.00;
 *   <li>pairs of customers with identical histories (same dates, items, statuses, payments);
 *   <li>two sales of a deleted product at the same instant with different item sku/name (the
 *       latest-line rule falls to the order _id);
 *   <li>a sweep selling every product, deleted ones too, once in the quiet 2024-09 at the same
 *       price: with {@code products >= 100} more than 100 products sell in that period, tied at the
 *       top-100 cut;
 *   <li>a customer with only pending/cancelled orders, a customer whose only sale is after as_of,
 *       two newcomers with a single sale on the as_of day (segment "new" when recency scores 4+);
 *   <li>random orders for the rest: all statuses, all payment shapes, prices of every BSON number
 *       type from a small palette (ties), quantities as int32/int64/whole double/decimal128, item
 *       categories absent/equal/different/empty, items of deleted products, orders of deleted
 *       users, dates mostly in {@link #PERIODS}, some in 2024-06 and some in 2025-01.
 * </ol>
 * Products miss sku, name or category now and then; users miss their email or have a non-string
 * one. Reserved customers (twins, pending-only, after-as_of-only, newcomers) exist only with
 * {@code users >= 40}.
 * Lines of one order that repeat a product carry the same sku/name, so that no expected value
 * depends on which of them is "the latest line" (a case the contract leaves open).
 */
public final class RandomShopData {
  public static final List<Period> PERIODS = Period.range(Period.of(2024, 9), Period.of(2024, 12));
  /** Inside the last period: the days after it are in a period but not in customer analytics. */
  public static final AsOf AS_OF = AsOf.of(LocalDate.of(2024, 12, 20));
  public static final double DEFAULT_MALFORMED_FRACTION = 0.06;

  static final LocalDate FIRST_DAY = LocalDate.of(2024, 10, 1);
  static final LocalDate LAST_DAY = LocalDate.of(2024, 12, 31);

  private static final List<String> BOUNDARY_INSTANTS = List.of(
      "2024-06-30T23:59:59.999Z",
      "2024-09-30T23:59:59.999Z",
      "2024-10-01T00:00:00.000Z",
      "2024-10-31T23:59:59.999Z",
      "2024-11-01T00:00:00.000Z",
      "2024-11-30T23:59:59.999Z",
      "2024-12-01T00:00:00.000Z",
      "2024-12-20T23:59:59.999Z",
      "2024-12-21T00:00:00.000Z",
      "2024-12-31T23:59:59.999Z",
      "2025-01-01T00:00:00.000Z");
  private static final int RESERVED_USERS_MINIMUM = 40;
  private static final int TWIN_PAIRS = 3;
  private static final int OTHER_RESERVED_USERS = 4;

  /** The three source collections. */
  public record ShopData(List<Document> orders, List<Document> products, List<Document> users) {
    /** Inserts copies (the driver adds _id to what it inserts, and the shop's documents are shared). */
    public ShopData insertInto(com.mongodb.client.MongoDatabase database) {
      database.getCollection("orders").insertMany(orders.stream().map(Document::new).toList());
      database.getCollection("products").insertMany(products.stream().map(Document::new).toList());
      database.getCollection("users").insertMany(users.stream().map(Document::new).toList());
      return this;
    }
  }

  private final RandomValues values;
  private final int orderBudget;
  private final List<Document> orders = new ArrayList<>();
  private final List<Document> products = new ArrayList<>();
  private final List<Document> users = new ArrayList<>();
  private final List<ObjectId> deletedProductIds = new ArrayList<>();
  private final List<ObjectId> deletedUserIds = new ArrayList<>();
  /** Users that random orders do not touch, so that their scenario stays as built. */
  private final List<ObjectId> reservedUserIds = new ArrayList<>();
  private final List<ObjectId> ordinaryUserIds = new ArrayList<>();

  private RandomShopData(long seed, int orderBudget) {
    this.values = new RandomValues(new Random(seed));
    this.orderBudget = orderBudget;
  }

  public static ShopData generate(long seed, int users, int products, int orders) {
    return generate(seed, users, products, orders, DEFAULT_MALFORMED_FRACTION);
  }

  /** Exactly {@code orders} orders; {@code malformedFraction} of them malformed (rounded). */
  public static ShopData generate(long seed, int users, int products, int orders, double malformedFraction) {
    if (users < 1 || products < 1 || orders < 0 || malformedFraction < 0 || malformedFraction > 1) {
      throw new IllegalArgumentException("need users >= 1, products >= 1, orders >= 0, fraction in [0, 1]");
    }
    RandomShopData data = new RandomShopData(seed, orders);
    data.createUsers(users);
    data.createProducts(products);
    data.addMalformed((int) Math.round(malformedFraction * orders));
    data.addBoundarySales();
    data.addHotProduct();
    data.addTwins();
    data.addSameInstantSalesOfADeletedProduct();
    data.addSweep();
    data.addCustomersOutsideCustomerAnalytics();
    while (data.hasRoom()) {
      data.add(data.randomOrder(data.ordinaryUser(), data.values.createdAt(), data.values.status()));
    }
    Collections.shuffle(data.orders, data.values.random());
    return new ShopData(List.copyOf(data.orders), List.copyOf(data.products), List.copyOf(data.users));
  }

  // ---- catalog

  private void createUsers(int count) {
    for (int i = 0; i < count; i++) {
      ObjectId id = values.objectId();
      Document user = new Document("_id", id).append("name", "User " + i);
      int roll = values.random().nextInt(100);
      if (roll < 85) {
        user.append("email", "user" + i + "@example.com");
      } else if (roll < 95) {
        // no email field
      } else {
        user.append("email", 7);
      }
      users.add(user);
      boolean reserved = count >= RESERVED_USERS_MINIMUM && i < 2 * TWIN_PAIRS + OTHER_RESERVED_USERS;
      (reserved ? reservedUserIds : ordinaryUserIds).add(id);
    }
    for (int i = 0; i < Math.max(1, count / 10); i++) {
      deletedUserIds.add(values.objectId());
    }
  }

  private void createProducts(int count) {
    for (int i = 0; i < count; i++) {
      Document product = new Document("_id", values.objectId());
      int roll = values.random().nextInt(100);
      if (roll < 85) {
        product.append("sku", String.format("SKU-%04d", i));
      } else if (roll < 95) {
        // no sku field
      } else {
        product.append("sku", "");
      }
      product.append("name", values.chance(0.95) ? "Product " + i : "");
      roll = values.random().nextInt(100);
      if (roll < 85) {
        product.append("category", values.pick(RandomValues.CATEGORIES));
      } else if (roll < 95) {
        // no category field
      } else {
        product.append("category", "");
      }
      product.append("price", values.price());
      products.add(product);
    }
    for (int i = 0; i < Math.max(1, count / 10); i++) {
      deletedProductIds.add(values.objectId());
    }
  }

  // ---- scenarios

  private void addMalformed(int count) {
    List<MalformedOrders.Kind> kinds = MalformedOrders.KINDS;
    for (int i = 0; i < count && hasRoom(); i++) {
      Date createdAt = i % 8 == 7
          ? values.randomInstantIn(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 2, 28))
          : values.randomInstantIn(FIRST_DAY, AS_OF.date());
      Document valid = randomOrder(ordinaryUser(), createdAt, "delivered");
      add(kinds.get(i % kinds.size()).applyTo(valid));
    }
  }

  private void addBoundarySales() {
    for (String instant : BOUNDARY_INSTANTS) {
      add(randomOrder(ordinaryUser(), date(instant), "delivered"));
    }
  }

  private void addHotProduct() {
    Document hot = products.get(0);
    Date day = date("2024-11-15T12:00:00Z");
    List<ObjectId> fans = new ArrayList<>(ordinaryUserIds);
    Collections.shuffle(fans, values.random());
    fans.addAll(deletedUserIds);
    for (ObjectId fan : fans.subList(0, Math.min(12, fans.size()))) {
      add(order(fan, day, "shipped").append("items", List.of(line(hot, 5, dec("1000.00")))));
    }
    ObjectId superfan = ordinaryUser();
    for (int i = 0; i < 11; i++) {
      Date at = values.randomInstantIn(LocalDate.of(2024, 11, 1), LocalDate.of(2024, 11, 30));
      add(order(superfan, at, "delivered").append("items", List.of(line(hot, values.quantity(), 1000L))));
    }
  }

  private void addTwins() {
    if (reservedUserIds.isEmpty()) {
      return;
    }
    for (int pair = 0; pair < TWIN_PAIRS; pair++) {
      ObjectId first = reservedUserIds.get(2 * pair);
      ObjectId second = reservedUserIds.get(2 * pair + 1);
      int historyLength = 1 + values.random().nextInt(3);
      for (int i = 0; i < historyLength; i++) {
        Document original = randomOrder(first, values.createdAt(), values.status());
        add(original);
        Document copy = new Document(original);
        List<Document> copiedItems = new ArrayList<>();
        original.getList("items", Document.class).forEach(item -> copiedItems.add(new Document(item)));
        copy.put("items", copiedItems);
        copy.put("_id", values.objectId());
        copy.put("user_id", second);
        add(copy);
      }
    }
  }

  private void addSameInstantSalesOfADeletedProduct() {
    ObjectId gone = deletedProductIds.get(0);
    Date at = date("2024-12-10T08:30:00Z");
    for (String version : List.of("A", "B")) {
      Document item = new Document("product_id", gone).append("sku", "GONE-" + version)
          .append("name", "Gone " + version).append("quantity", 1).append("unit_price", 19.99);
      add(order(ordinaryUser(), at, "delivered").append("items", List.of(item)));
    }
  }

  /** Every product (deleted ones too) once in 2024-09, four distinct products per order, same price. */
  private void addSweep() {
    List<Object> all = new ArrayList<>();
    products.forEach(p -> all.add(p));
    all.addAll(deletedProductIds);
    for (int start = 0; start < all.size(); start += 4) {
      List<Document> items = new ArrayList<>();
      for (Object product : all.subList(start, Math.min(start + 4, all.size()))) {
        items.add(product instanceof Document p ? line(p, 1, 5) : deletedLine((ObjectId) product, 1, 5));
      }
      Date at = values.randomInstantIn(LocalDate.of(2024, 9, 1), LocalDate.of(2024, 9, 30));
      add(order(ordinaryUser(), at, "processing").append("items", items));
    }
  }

  private void addCustomersOutsideCustomerAnalytics() {
    if (reservedUserIds.isEmpty()) {
      return;
    }
    ObjectId onlyNonSales = reservedUserIds.get(2 * TWIN_PAIRS);
    add(randomOrder(onlyNonSales, values.createdAt(), "pending"));
    add(randomOrder(onlyNonSales, values.createdAt(), "cancelled"));
    ObjectId onlyAfterAsOf = reservedUserIds.get(2 * TWIN_PAIRS + 1);
    add(randomOrder(onlyAfterAsOf, date("2024-12-28T09:00:00Z"), "delivered"));
    for (int i = 2; i < OTHER_RESERVED_USERS; i++) {
      Date onAsOfDay = values.randomInstantIn(AS_OF.date(), AS_OF.date());
      add(randomOrder(reservedUserIds.get(2 * TWIN_PAIRS + i), onAsOfDay, "shipped"));
    }
  }

  // ---- orders and lines

  private boolean hasRoom() {
    return orders.size() < orderBudget;
  }

  private void add(Document order) {
    if (hasRoom()) {
      orders.add(order);
    }
  }

  /** Mostly heavy buyers first (skewed), sometimes a deleted user. */
  private ObjectId ordinaryUser() {
    if (values.chance(0.08) || ordinaryUserIds.isEmpty()) {
      return values.pick(deletedUserIds);
    }
    return ordinaryUserIds.get(values.skewedIndex(ordinaryUserIds.size()));
  }

  private Document order(ObjectId userId, Date createdAt, String status) {
    Document order = new Document("_id", values.objectId())
        .append("order_number", "ORD-" + values.random().nextInt(1_000_000))
        .append("user_id", userId)
        .append("status", status)
        .append("created_at", createdAt)
        .append("updated_at", createdAt)
        .append("analytics_processed", false);
    values.putPayment(order);
    return order;
  }

  private Document randomOrder(ObjectId userId, Date createdAt, String status) {
    Document order = order(userId, createdAt, status);
    List<Document> items = new ArrayList<>();
    Map<Object, Document> labelOfProductInOrder = new HashMap<>();
    int lines = 1 + values.skewedIndex(5);
    for (int i = 0; i < lines; i++) {
      Document line = values.chance(0.1)
          ? deletedLine(values.pick(deletedProductIds), values.quantity(), values.price())
          : line(products.get(values.skewedIndex(products.size())), values.quantity(), values.price());
      // A product repeated in one order keeps the sku/name of its first line (see class comment).
      Document first = labelOfProductInOrder.putIfAbsent(line.get("product_id"), line);
      if (first != null) {
        copyOrRemove(first, line, "sku");
        copyOrRemove(first, line, "name");
      }
      items.add(line);
    }
    if (values.chance(0.1)) {
      Document repeated = new Document(items.get(0));
      repeated.put("quantity", values.quantity());
      items.add(repeated);
    }
    return order.append("items", items);
  }

  /** A line of an existing product: item sku/name usually as in the catalog, sometimes older. */
  private Document line(Document product, Object quantity, Object unitPrice) {
    Document line = new Document("product_id", product.get("_id"));
    Object sku = product.get("sku");
    putIfPresent(line, "sku", values.chance(0.9) || sku == null ? sku : "OLD-" + sku);
    putIfPresent(line, "name", values.chance(0.9) ? product.get("name") : "Old name");
    int roll = values.random().nextInt(100);
    if (roll < 25) {
      putIfPresent(line, "category", product.get("category"));
    } else if (roll < 35) {
      line.put("category", values.chance(0.5) ? "Clearance" : values.pick(RandomValues.CATEGORIES));
    } else if (roll < 40) {
      line.put("category", "");
    }
    return line.append("quantity", quantity).append("unit_price", unitPrice);
  }

  /** A line of a product no longer in the catalog: item sku/name vary between orders or lack. */
  private Document deletedLine(ObjectId productId, Object quantity, Object unitPrice) {
    Document line = new Document("product_id", productId);
    int version = values.random().nextInt(3);
    int roll = values.random().nextInt(100);
    if (roll < 80) {
      line.put("sku", "GONE-" + productId.toHexString().substring(18) + "-v" + version);
    } else if (roll < 90) {
      line.put("sku", "");
    }
    if (values.chance(0.8)) {
      line.put("name", "Discontinued v" + version);
    }
    if (values.chance(0.5)) {
      line.put("category", values.pick(RandomValues.CATEGORIES));
    }
    return line.append("quantity", quantity).append("unit_price", unitPrice);
  }

  private static void putIfPresent(Document target, String field, Object value) {
    if (value != null) {
      target.put(field, value);
    }
  }

  private static void copyOrRemove(Document from, Document to, String field) {
    if (from.containsKey(field)) {
      to.put(field, from.get(field));
    } else {
      to.remove(field);
    }
  }
}
