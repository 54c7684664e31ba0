package io.shopanalytics.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated store is consistent (references, money, lifecycles) and skewed the way the design
 * asks. The data is a pure function of the seed, so the bounds below are checks of shape, not of luck.
 */
class SeedDataTest {
  static final LoadSpec SPEC = new LoadSpec(4_000, 300, 20_000, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), 42);
  static List<BsonDocument> users;
  static List<BsonDocument> products;
  static List<BsonDocument> orders;

  @BeforeAll
  static void generate() {
    SeedData data = new SeedData(SPEC);
    users = IntStream.range(0, SPEC.users()).mapToObj(data::user).toList();
    products = IntStream.range(0, SPEC.products()).mapToObj(data::product).toList();
    orders = IntStream.range(0, SPEC.orders()).mapToObj(data::order).toList();
  }

  @Test
  void identifiersAreUniqueAndOrdersReferenceExistingUsersAndProducts() {
    assertThat(distinct(users, d -> d.getString("email").getValue())).hasSize(SPEC.users());
    assertThat(distinct(users, d -> d.getObjectId("_id").getValue())).hasSize(SPEC.users());
    assertThat(distinct(products, d -> d.getString("sku").getValue())).hasSize(SPEC.products());
    assertThat(distinct(orders, d -> d.getObjectId("_id").getValue())).hasSize(SPEC.orders());
    assertThat(distinct(orders, d -> d.getString("order_number").getValue())).hasSize(SPEC.orders());

    Map<BsonValue, BsonDocument> usersById = index(users);
    Map<BsonValue, BsonDocument> productsById = index(products);
    for (BsonDocument order : orders) {
      BsonDocument user = usersById.get(order.get("user_id"));
      assertThat(user).isNotNull();
      assertThat(user.getDateTime("created_at").getValue()).isLessThanOrEqualTo(order.getDateTime("created_at").getValue());
      assertThat(order.getDocument("customer_info").getString("email")).isEqualTo(user.getString("email"));
      for (BsonValue line : order.getArray("items")) {
        BsonDocument item = line.asDocument();
        BsonDocument product = productsById.get(item.get("product_id"));
        assertThat(product).isNotNull();
        assertThat(item.getString("sku")).isEqualTo(product.getString("sku"));
        assertThat(item.getString("category")).isEqualTo(product.getString("category"));
        assertThat(money(item, "unit_price")).isLessThanOrEqualTo(money(product, "price")).isPositive();
      }
    }
  }

  @Test
  void totalsAddUpExactly() {
    for (BsonDocument order : orders) {
      BigDecimal subtotal = BigDecimal.ZERO;
      for (BsonValue line : order.getArray("items")) {
        subtotal = subtotal.add(money(line.asDocument(), "unit_price")
            .multiply(BigDecimal.valueOf(line.asDocument().getInt32("quantity").getValue())));
      }
      BsonDocument totals = order.getDocument("totals");
      assertThat(money(totals, "subtotal")).isEqualByComparingTo(subtotal);
      assertThat(money(totals, "total")).isEqualByComparingTo(subtotal.add(money(totals, "tax")).add(money(totals, "shipping")));
      assertThat(money(order.getDocument("payment"), "amount")).isEqualByComparingTo(money(totals, "total"));
    }
  }

  @Test
  void ordersLieInTheWindowAndTheirIdsCarryTheirCreationTime() {
    long start = SPEC.windowStart().toEpochMilli();
    long end = SPEC.windowEnd().toEpochMilli();
    for (BsonDocument order : orders) {
      long createdAt = order.getDateTime("created_at").getValue();
      assertThat(createdAt).isBetween(start, end - 1);
      assertThat(order.getObjectId("_id").getValue().getTimestamp()).isEqualTo((int) (createdAt / 1000));
    }
  }

  @Test
  void statusHistoryRunsForwardAndEndsWithTheStatus() {
    long end = SPEC.windowEnd().toEpochMilli();
    for (BsonDocument order : orders) {
      List<BsonValue> history = order.getArray("status_history").getValues();
      assertThat(history.get(0).asDocument().getString("status").getValue()).isEqualTo("pending");
      assertThat(history.get(0).asDocument().get("timestamp")).isEqualTo(order.get("created_at"));
      BsonDocument last = history.get(history.size() - 1).asDocument();
      assertThat(last.getString("status")).isEqualTo(order.getString("status"));
      assertThat(last.get("timestamp")).isEqualTo(order.get("updated_at"));
      assertThat(order.getDateTime("updated_at").getValue()).isLessThan(end);
      List<Long> times = history.stream().map(step -> step.asDocument().getDateTime("timestamp").getValue()).toList();
      assertThat(times).isSorted();
    }
  }

  @Test
  void everyStatusOccursAndReturnsAreAFewPercent() {
    Map<String, Long> statuses = count(orders, d -> d.getString("status").getValue());

    assertThat(statuses).containsOnlyKeys("pending", "processing", "shipped", "delivered", "cancelled", "returned");
    assertThat(share(statuses, "returned")).isBetween(0.02, 0.06);
    assertThat(share(statuses, "cancelled")).isBetween(0.04, 0.10);
    assertThat(share(statuses, "delivered")).isGreaterThan(0.7);
  }

  @Test
  void creditCardLeadsThePaymentMix() {
    Map<String, Long> methods = count(orders, d -> d.getDocument("payment").getString("method").getValue());

    assertThat(methods).containsOnlyKeys("credit_card", "paypal", "debit_card", "apple_pay", "bank_transfer");
    assertThat(share(methods, "credit_card")).isBetween(0.67, 0.73);
    assertThat(methods.get("paypal")).isGreaterThan(methods.get("debit_card"));
    assertThat(methods.get("apple_pay")).isGreaterThan(methods.get("bank_transfer"));
  }

  @Test
  void electronicsSellsMostThenFashionAndEveryDepartmentSells() {
    Map<String, Long> lines = count(items(), item -> item.getString("category").getValue());
    List<String> byLines = lines.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(Map.Entry::getKey).toList();

    assertThat(byLines).startsWith("Electronics", "Fashion").hasSize(Categories.ALL.size());
  }

  @Test
  void aFewBestSellersAndALongTail() {
    List<Long> sales = count(items(), item -> item.getObjectId("product_id").getValue()).values().stream()
        .sorted((a, b) -> Long.compare(b, a)).toList();
    long total = sales.stream().mapToLong(Long::longValue).sum();

    long topTen = sales.stream().limit(10).mapToLong(Long::longValue).sum();
    assertThat((double) topTen / total).as("share of the 10 best sellers").isGreaterThan(0.15);
    assertThat(sales.get(0)).isGreaterThan(10 * sales.get(sales.size() / 2));
  }

  @Test
  void manyOneTimeBuyersAndAFewWithDozensOfOrders() {
    Map<ObjectId, Long> ordersPerUser = count(orders, d -> d.getObjectId("user_id").getValue());
    Map<Long, Long> usersByOrderCount = count(ordersPerUser.values(), Function.identity());

    long mostCommonCount = usersByOrderCount.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    assertThat(mostCommonCount).isEqualTo(1);
    assertThat(ordersPerUser.values().stream().filter(n -> n >= 24).count()).isGreaterThan(10);
    assertThat(ordersPerUser.size()).as("buyers").isLessThan(SPEC.users());
  }

  @Test
  void novemberAndDecemberPeakAndWeekendsAreBusier() {
    Map<Integer, Long> byMonth = count(orders, d -> day(d).getMonthValue());
    double peak = (byMonth.get(11) + byMonth.get(12)) / 61.0;
    double rest = (SPEC.orders() - byMonth.get(11) - byMonth.get(12)) / 305.0;
    Map<Boolean, Long> weekend = count(orders, d -> day(d).getDayOfWeek().getValue() >= 6);

    assertThat(peak / rest).isGreaterThan(1.4);
    assertThat(weekend.get(true) / (104.0)).isGreaterThan(weekend.get(false) / 262.0);
  }

  @Test
  void ordersHaveOneToFiveLinesOfDistinctProducts() {
    Map<Integer, Long> lineCounts = count(orders, d -> d.getArray("items").size());

    assertThat(lineCounts).containsOnlyKeys(1, 2, 3, 4, 5);
    assertThat(lineCounts.get(1)).isGreaterThan(lineCounts.get(2)).isGreaterThan(lineCounts.get(5));
    for (BsonDocument order : orders) {
      Set<BsonValue> productIds = new HashSet<>();
      order.getArray("items").forEach(item -> productIds.add(item.asDocument().get("product_id")));
      assertThat(productIds).hasSameSizeAs(order.getArray("items"));
    }
  }

  private static List<BsonDocument> items() {
    List<BsonDocument> items = new ArrayList<>();
    orders.forEach(order -> order.getArray("items").forEach(item -> items.add(item.asDocument())));
    return items;
  }

  private static LocalDate day(BsonDocument order) {
    return Instant.ofEpochMilli(order.getDateTime("created_at").getValue()).atZone(ZoneOffset.UTC).toLocalDate();
  }

  private static BigDecimal money(BsonDocument document, String field) {
    return document.getDecimal128(field).getValue().bigDecimalValue();
  }

  private static <K, T> Map<K, Long> count(Collection<T> values, Function<T, K> key) {
    return values.stream().collect(Collectors.groupingBy(key, HashMap::new, Collectors.counting()));
  }

  private static double share(Map<String, Long> counts, String key) {
    return (double) counts.getOrDefault(key, 0L) / counts.values().stream().mapToLong(Long::longValue).sum();
  }

  private static <T> Set<T> distinct(List<BsonDocument> documents, Function<BsonDocument, T> key) {
    return documents.stream().map(key).collect(Collectors.toSet());
  }

  private static Map<BsonValue, BsonDocument> index(List<BsonDocument> documents) {
    return documents.stream().collect(Collectors.toMap(d -> d.get("_id"), d -> d));
  }
}
