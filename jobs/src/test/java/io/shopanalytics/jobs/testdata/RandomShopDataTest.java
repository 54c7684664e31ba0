package io.shopanalytics.jobs.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.jobs.oracle.ReferenceAnalytics;
import io.shopanalytics.jobs.oracle.ReferenceResult;
import io.shopanalytics.jobs.oracle.ReferenceValidation;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generator is deterministic and its data reach every edge case it promises. */
class RandomShopDataTest {
  static RandomShopData.ShopData data;
  static ReferenceResult result;

  @BeforeAll
  static void generateOnce() {
    data = RandomShopData.generate(7, 150, 130, 4000);
    result = ReferenceAnalytics.compute(
        data.orders(), data.products(), data.users(), RandomShopData.PERIODS, RandomShopData.AS_OF);
  }

  @Test
  void sameSeedSameData() {
    RandomShopData.ShopData again = RandomShopData.generate(7, 150, 130, 4000);
    assertThat(again.orders()).isEqualTo(data.orders());
    assertThat(again.products()).isEqualTo(data.products());
    assertThat(again.users()).isEqualTo(data.users());
    assertThat(RandomShopData.generate(8, 150, 130, 4000).orders()).isNotEqualTo(data.orders());
  }

  @Test
  void sizesAreThoseAsked() {
    assertThat(data.orders()).hasSize(4000);
    assertThat(data.products()).hasSize(130);
    assertThat(data.users()).hasSize(150);
    assertThat(RandomShopData.generate(1, 1, 1, 0).orders()).isEmpty();
    assertThat(RandomShopData.generate(1, 3, 2, 50).orders()).hasSize(50);
    assertThat(RandomShopData.generate(1, 3, 2, 50, 0).orders())
        .allMatch(o -> ReferenceValidation.rejectReason(o).isEmpty());
  }

  @Test
  void smallAndOddSizesWork() {
    for (long seed = 1; seed <= 30; seed++) {
      java.util.Random sizes = new java.util.Random(seed);
      RandomShopData.ShopData small = RandomShopData.generate(
          seed, 1 + sizes.nextInt(60), 1 + sizes.nextInt(20), sizes.nextInt(400), sizes.nextDouble() / 2);
      ReferenceResult smallResult = ReferenceAnalytics.compute(
          small.orders(), small.products(), small.users(), RandomShopData.PERIODS, RandomShopData.AS_OF);
      assertThat(smallResult.ordersRead()).isLessThanOrEqualTo(small.orders().size());
    }
  }

  @Test
  void everyRejectReasonOccurs() {
    assertThat(result.rejectsByReason().keySet()).containsExactlyInAnyOrder(
        "created_at_invalid", "user_id_missing", "items_invalid", "item_product_id_missing",
        "item_quantity_invalid", "item_unit_price_invalid", "status_invalid");
    long malformed = data.orders().stream().filter(o -> ReferenceValidation.rejectReason(o).isPresent()).count();
    assertThat(malformed).as("6% of 4000").isEqualTo(240);
    assertThat(result.rejectReasonByOrderId()).as("some malformed orders are out of scope").hasSizeLessThan(240);
  }

  @Test
  void periodsTopListsAreCutWithTies() {
    Document november = result.salesAnalytics().stream().filter(s -> s.get("period").equals("2024-11"))
        .findFirst().orElseThrow();
    assertThat(november.getList("top_products", Document.class)).hasSize(100);
    assertThat(result.productAnalytics().stream().filter(p -> p.get("period").equals("2024-11")).count())
        .isGreaterThan(100);
    assertThat(result.productAnalytics()).anySatisfy(p -> {
      assertThat(p.getList("top_customers", Document.class)).hasSize(10);
      assertThat(p.get("metrics", Document.class).getLong("unique_customers")).isGreaterThan(10);
      assertThat(hasAdjacentTie(p.getList("top_customers", Document.class), "total_spent")).isTrue();
    });
    assertThat(result.productAnalytics()).anySatisfy(p -> assertThat(p.getList("top_customers", Document.class))
        .anySatisfy(c -> assertThat(c.getLong("order_count")).isGreaterThanOrEqualTo(11)));
  }

  @Test
  void theQuietPeriodTiesAtTheTopHundredCut() {
    Document september = result.salesAnalytics().get(0);
    assertThat(september.get("period")).isEqualTo("2024-09");
    List<Document> top = september.getList("top_products", Document.class);
    assertThat(top).hasSize(100);
    assertThat(top.get(99).get("revenue")).isEqualTo(top.get(98).get("revenue"));
    long soldAtTheCut = result.productAnalytics().stream()
        .filter(p -> p.get("period").equals("2024-09"))
        .filter(p -> p.get("metrics", Document.class).get("total_revenue").equals(top.get(99).get("revenue")))
        .count();
    assertThat(soldAtTheCut).as("more products at the cut revenue than fit").isGreaterThan(
        top.stream().filter(t -> t.get("revenue").equals(top.get(99).get("revenue"))).count());
  }

  @Test
  void unknownsAndMissingLabelsOccur() {
    assertThat(result.salesAnalytics()).allSatisfy(s -> {
      assertThat(s.getList("by_payment_method", Document.class)).extracting(m -> m.get("method")).contains("unknown");
      assertThat(s.getList("by_category", Document.class)).extracting(c -> c.get("category")).contains("unknown");
    });
    assertThat(result.productAnalytics()).anySatisfy(p -> assertThat(p.get("sku")).isNull());
    assertThat(result.customerAnalytics()).anySatisfy(c -> assertThat(c.get("email")).isNull());
  }

  @Test
  void boundaryInstantsAreThere() {
    Set<Date> createdAts = data.orders().stream().map(o -> o.get("created_at")).filter(Date.class::isInstance)
        .map(Date.class::cast).collect(Collectors.toSet());
    assertThat(createdAts).contains(
        TestOrders.date("2024-11-01T00:00:00Z"), TestOrders.date("2024-11-30T23:59:59.999Z"),
        TestOrders.date("2024-12-20T23:59:59.999Z"), TestOrders.date("2024-12-21T00:00:00Z"));
  }

  @Test
  void customersTieAndSpreadOverSegments() {
    List<Document> customers = result.customerAnalytics();
    Set<Document> histories = customers.stream()
        .map(c -> new Document("l", c.get("lifetime_metrics")).append("b", c.get("behavior")))
        .collect(Collectors.toSet());
    assertThat(histories.size()).as("twins share a whole history").isLessThan(customers.size());
    assertThat(customers.stream().map(c -> c.get("customer_segment")).collect(Collectors.toSet()))
        .contains("high_value", "loyal", "new", "at_risk", "hibernating", "regular");
  }

  @Test
  void everyStoredAmountHasTwoDecimals() {
    List<Object> values = new ArrayList<>();
    result.productAnalytics().forEach(d -> collectValues(d, values));
    result.salesAnalytics().forEach(d -> collectValues(d, values));
    result.customerAnalytics().forEach(d -> collectValues(d, values));
    assertThat(values).filteredOn(Decimal128.class::isInstance)
        .isNotEmpty()
        .allSatisfy(v -> assertThat(((Decimal128) v).bigDecimalValue().scale()).isEqualTo(2));
  }

  private static boolean hasAdjacentTie(List<Document> ranked, String field) {
    for (int i = 1; i < ranked.size(); i++) {
      if (Objects.equals(ranked.get(i - 1).get(field), ranked.get(i).get(field))) {
        return true;
      }
    }
    return false;
  }

  private static void collectValues(Object value, List<Object> into) {
    if (value instanceof Document document) {
      document.values().forEach(v -> collectValues(v, into));
    } else if (value instanceof List<?> list) {
      list.forEach(v -> collectValues(v, into));
    } else {
      into.add(value);
    }
  }
}
