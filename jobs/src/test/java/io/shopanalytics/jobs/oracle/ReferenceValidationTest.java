package io.shopanalytics.jobs.oracle;

import static io.shopanalytics.jobs.oracle.ReferenceValidation.CREATED_AT_INVALID;
import static io.shopanalytics.jobs.oracle.ReferenceValidation.ITEMS_INVALID;
import static io.shopanalytics.jobs.oracle.ReferenceValidation.ITEM_PRODUCT_ID_MISSING;
import static io.shopanalytics.jobs.oracle.ReferenceValidation.ITEM_QUANTITY_INVALID;
import static io.shopanalytics.jobs.oracle.ReferenceValidation.ITEM_UNIT_PRICE_INVALID;
import static io.shopanalytics.jobs.oracle.ReferenceValidation.STATUS_INVALID;
import static io.shopanalytics.jobs.oracle.ReferenceValidation.USER_ID_MISSING;
import static io.shopanalytics.jobs.testdata.TestOrders.dec;
import static io.shopanalytics.jobs.testdata.TestOrders.item;
import static io.shopanalytics.jobs.testdata.TestOrders.oid;
import static io.shopanalytics.jobs.testdata.TestOrders.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.testdata.MalformedOrders;
import io.shopanalytics.jobs.testdata.TestOrders;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each reject reason alone, the precedence of the rules, and what is still valid. */
class ReferenceValidationTest {

  /** A valid sale with two items, the base every case changes. */
  static TestOrders.OrderBuilder valid() {
    return order(oid(1), oid(2), "2024-11-05T10:00:00Z", "delivered").payment("paypal")
        .item(item(oid(3), 1, 9.99))
        .item(item(oid(4), 2, 5));
  }

  /** The valid base with its item {@code index} changed. */
  static Document withItem(int index, UnaryOperator<TestOrders.ItemBuilder> change) {
    TestOrders.ItemBuilder first = item(oid(3), 1, 9.99);
    TestOrders.ItemBuilder second = item(oid(4), 2, 5);
    return order(oid(1), oid(2), "2024-11-05T10:00:00Z", "delivered").payment("paypal")
        .item(index == 0 ? change.apply(first) : first)
        .item(index == 1 ? change.apply(second) : second)
        .build();
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        // 1. created_at
        Arguments.of("created_at missing", valid().unset("created_at").build(), CREATED_AT_INVALID),
        Arguments.of("created_at null", valid().set("created_at", null).build(), CREATED_AT_INVALID),
        Arguments.of("created_at a string", valid().set("created_at", "2024-11-05T10:00:00Z").build(),
            CREATED_AT_INVALID),
        Arguments.of("created_at epoch millis", valid().set("created_at", 1730800000000L).build(),
            CREATED_AT_INVALID),
        // 2. user_id
        Arguments.of("user_id missing", valid().unset("user_id").build(), USER_ID_MISSING),
        Arguments.of("user_id null", valid().set("user_id", null).build(), USER_ID_MISSING),
        // 3. items
        Arguments.of("items missing", valid().unset("items").build(), ITEMS_INVALID),
        Arguments.of("items null", valid().rawItems(null).build(), ITEMS_INVALID),
        Arguments.of("items empty", valid().rawItems(new ArrayList<>()).build(), ITEMS_INVALID),
        Arguments.of("items an object", valid().rawItems(item(oid(3), 1, 9.99).build()).build(), ITEMS_INVALID),
        Arguments.of("items a string", valid().rawItems("[]").build(), ITEMS_INVALID),
        // 4. product_id
        Arguments.of("no product_id", withItem(1, i -> i.unset("product_id")), ITEM_PRODUCT_ID_MISSING),
        Arguments.of("product_id null", withItem(0, i -> i.set("product_id", null)), ITEM_PRODUCT_ID_MISSING),
        Arguments.of("an item that is a number", valid().rawItem(42).build(), ITEM_PRODUCT_ID_MISSING),
        Arguments.of("an item that is null", valid().rawItem(null).build(), ITEM_PRODUCT_ID_MISSING),
        // 5. quantity
        Arguments.of("quantity missing", withItem(1, i -> i.unset("quantity")), ITEM_QUANTITY_INVALID),
        Arguments.of("quantity null", withItem(0, i -> i.set("quantity", null)), ITEM_QUANTITY_INVALID),
        Arguments.of("quantity 0", withItem(0, i -> i.set("quantity", 0)), ITEM_QUANTITY_INVALID),
        Arguments.of("quantity -1", withItem(0, i -> i.set("quantity", -1L)), ITEM_QUANTITY_INVALID),
        Arguments.of("quantity 2.5", withItem(1, i -> i.set("quantity", 2.5)), ITEM_QUANTITY_INVALID),
        Arguments.of("quantity 0.999", withItem(0, i -> i.set("quantity", 0.999)), ITEM_QUANTITY_INVALID),
        Arguments.of("quantity a string", withItem(0, i -> i.set("quantity", "2")), ITEM_QUANTITY_INVALID),
        Arguments.of("quantity NaN", withItem(0, i -> i.set("quantity", Double.NaN)), ITEM_QUANTITY_INVALID),
        Arguments.of("quantity Infinity", withItem(0, i -> i.set("quantity", Double.POSITIVE_INFINITY)),
            ITEM_QUANTITY_INVALID),
        Arguments.of("quantity decimal 1.5", withItem(0, i -> i.set("quantity", dec("1.5"))), ITEM_QUANTITY_INVALID),
        Arguments.of("quantity decimal -0", withItem(0, i -> i.set("quantity", dec("-0"))), ITEM_QUANTITY_INVALID),
        Arguments.of("quantity decimal NaN", withItem(0, i -> i.set("quantity", dec("NaN"))), ITEM_QUANTITY_INVALID),
        Arguments.of("quantity a boolean", withItem(0, i -> i.set("quantity", true)), ITEM_QUANTITY_INVALID),
        // 6. unit_price
        Arguments.of("price missing", withItem(0, i -> i.unset("unit_price")), ITEM_UNIT_PRICE_INVALID),
        Arguments.of("price null", withItem(1, i -> i.set("unit_price", null)), ITEM_UNIT_PRICE_INVALID),
        Arguments.of("price the string 12.50", withItem(1, i -> i.set("unit_price", "12.50")),
            ITEM_UNIT_PRICE_INVALID),
        Arguments.of("price -0.01", withItem(0, i -> i.set("unit_price", -0.01)), ITEM_UNIT_PRICE_INVALID),
        Arguments.of("price -1 (int32)", withItem(0, i -> i.set("unit_price", -1)), ITEM_UNIT_PRICE_INVALID),
        Arguments.of("price decimal -0.0001", withItem(0, i -> i.set("unit_price", dec("-0.0001"))),
            ITEM_UNIT_PRICE_INVALID),
        Arguments.of("price NaN", withItem(0, i -> i.set("unit_price", Double.NaN)), ITEM_UNIT_PRICE_INVALID),
        Arguments.of("price -Infinity", withItem(0, i -> i.set("unit_price", Double.NEGATIVE_INFINITY)),
            ITEM_UNIT_PRICE_INVALID),
        Arguments.of("price decimal Infinity", withItem(0, i -> i.set("unit_price", dec("Infinity"))),
            ITEM_UNIT_PRICE_INVALID),
        Arguments.of("price a document", withItem(0, i -> i.set("unit_price", new Document("amount", 5))),
            ITEM_UNIT_PRICE_INVALID),
        // 7. status
        Arguments.of("status missing", valid().unset("status").build(), STATUS_INVALID),
        Arguments.of("status null", valid().set("status", null).build(), STATUS_INVALID),
        Arguments.of("status unknown", valid().set("status", "unknown").build(), STATUS_INVALID),
        Arguments.of("status empty", valid().set("status", "").build(), STATUS_INVALID),
        Arguments.of("status capitalised", valid().set("status", "Shipped").build(), STATUS_INVALID),
        Arguments.of("status a number", valid().set("status", 3).build(), STATUS_INVALID));
  }

  static Stream<Arguments> precedence() {
    return Stream.of(
        Arguments.of("item 1 bad price, item 2 no product_id: rule 4 before rule 6",
            order(oid(1), oid(2), "2024-11-05T10:00:00Z", "delivered")
                .item(item(oid(3), 1, "12.50")).item(item(oid(4), 1, 5).unset("product_id")).build(),
            ITEM_PRODUCT_ID_MISSING),
        Arguments.of("item 1 bad price, item 2 quantity 0: rule 5 before rule 6",
            order(oid(1), oid(2), "2024-11-05T10:00:00Z", "delivered")
                .item(item(oid(3), 1, -1)).item(item(oid(4), 0, 5)).build(),
            ITEM_QUANTITY_INVALID),
        Arguments.of("item 1 quantity 0, item 2 a number: rule 4 before rule 5",
            order(oid(1), oid(2), "2024-11-05T10:00:00Z", "delivered")
                .item(item(oid(3), 0, 1)).rawItem(7).build(),
            ITEM_PRODUCT_ID_MISSING),
        Arguments.of("created_at a string, user_id null, items empty",
            valid().set("created_at", "yesterday").set("user_id", null).rawItems(List.of()).build(),
            CREATED_AT_INVALID),
        Arguments.of("user_id missing, items missing, status bad",
            valid().unset("user_id").unset("items").set("status", "lost").build(), USER_ID_MISSING),
        Arguments.of("items empty, status missing", valid().rawItems(List.of()).unset("status").build(),
            ITEMS_INVALID),
        Arguments.of("status bad and a negative price: rule 6 before rule 7",
            order(oid(1), oid(2), "2024-11-05T10:00:00Z", "lost").item(item(oid(3), 1, -0.5)).build(),
            ITEM_UNIT_PRICE_INVALID),
        Arguments.of("a pending order is validated too",
            order(oid(1), oid(2), "2024-11-05T10:00:00Z", "pending").item(item(oid(3), 1, "1")).build(),
            ITEM_UNIT_PRICE_INVALID));
  }

  /** {@code rejected}: each rule alone; {@code precedence}: several rules broken, the first wins. */
  @ParameterizedTest(name = "{0}")
  @MethodSource({"rejected", "precedence"})
  void rejectedForTheFirstFailingRule(String description, Document order, String expectedReason) {
    assertThat(ReferenceValidation.rejectReason(order)).contains(expectedReason);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("quantity 2.0 (whole double)", withItem(0, i -> i.set("quantity", 2.0))),
        Arguments.of("quantity decimal 3.00", withItem(0, i -> i.set("quantity", dec("3.00")))),
        Arguments.of("quantity decimal 1E+1", withItem(0, i -> i.set("quantity", dec("1E+1")))),
        Arguments.of("quantity int64", withItem(0, i -> i.set("quantity", 5L))),
        Arguments.of("price 0", withItem(0, i -> i.set("unit_price", 0))),
        Arguments.of("price -0.0 (not negative)", withItem(0, i -> i.set("unit_price", -0.0))),
        Arguments.of("price decimal -0 (not negative)", withItem(0, i -> i.set("unit_price", dec("-0")))),
        Arguments.of("price decimal 0.0001", withItem(0, i -> i.set("unit_price", dec("0.0001")))),
        Arguments.of("price int64", withItem(0, i -> i.set("unit_price", 1000L))),
        Arguments.of("product_id a string", withItem(0, i -> i.set("product_id", "legacy-7"))),
        Arguments.of("user_id a string", valid().set("user_id", "legacy-user").build()),
        Arguments.of("no payment", valid().unset("payment").build()),
        Arguments.of("payment method a number", valid().payment(42).build()),
        Arguments.of("pending", valid().set("status", "pending").build()),
        Arguments.of("cancelled", valid().set("status", "cancelled").build()),
        Arguments.of("processing", valid().set("status", "processing").build()),
        Arguments.of("shipped", valid().set("status", "shipped").build()),
        Arguments.of("returned", valid().set("status", "returned").build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void valid(String description, Document order) {
    assertThat(ReferenceValidation.rejectReason(order)).isEmpty();
  }

  static Stream<Arguments> malformedKinds() {
    return MalformedOrders.KINDS.stream().map(kind -> Arguments.of(kind.description(), kind));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedKinds")
  void everyGeneratedMalformedKindGetsItsReason(String description, MalformedOrders.Kind kind) {
    Document broken = kind.applyTo(valid().build());
    assertThat(ReferenceValidation.rejectReason(broken)).contains(kind.expectedReason());
  }

  @Test
  void rejectsAreCountedOverTheOrdersTheRunReads() {
    List<Document> orders = List.of(
        valid().set("_id", oid(11)).set("status", "bogus").build(), // in November: read
        valid().set("_id", oid(12)).createdAt("2024-06-01T00:00:00Z").set("status", "bogus").build(), // before as_of
        valid().set("_id", oid(13)).createdAt("2025-02-01T00:00:00Z").set("status", "bogus").build(), // not read
        valid().set("_id", oid(14)).createdAt("2025-03-01T00:00:00Z").set("user_id", null).build(), // not read
        valid().set("_id", oid(15)).set("created_at", "2025-03-01").build(), // invalid date: always read
        valid().set("_id", oid(16)).unset("created_at").build(),
        valid().set("_id", oid(17)).set("status", "pending").build()); // valid, read, not a sale
    ReferenceResult result = ReferenceAnalytics.compute(
        orders, List.of(), List.of(), List.of(Period.of(2024, 11)), AsOf.of(LocalDate.of(2024, 11, 30)));
    assertThat(result.rejectsByReason())
        .containsExactly(Map.entry(CREATED_AT_INVALID, 2L), Map.entry(STATUS_INVALID, 2L));
    assertThat(result.ordersRead()).isEqualTo(5);
    assertThat(result.salesCounted()).isZero();
    assertThat(result.productAnalytics()).isEmpty();
    assertThat(result.salesAnalytics()).isEmpty();
    assertThat(result.customerAnalytics()).isEmpty();
  }
}
