package io.shopanalytics.jobs.testdata;

import static io.shopanalytics.jobs.testdata.TestOrders.date;
import static io.shopanalytics.jobs.testdata.TestOrders.dec;
import static io.shopanalytics.jobs.testdata.TestOrders.item;
import static io.shopanalytics.jobs.testdata.TestOrders.oid;
import static io.shopanalytics.jobs.testdata.TestOrders.order;
import static io.shopanalytics.jobs.testdata.TestOrders.product;
import static io.shopanalytics.jobs.testdata.TestOrders.user;

import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.oracle.ReferenceAnalytics;
import io.shopanalytics.jobs.oracle.ReferenceResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * One small shop computed by hand, every field of every output document written out. Amounts in
 * comments are exact; stored values are rounded half-even to 2 decimals. The reference
 * implementation and the Spark jobs are both held to these documents.
 */
public final class HandComputedShop {
  private HandComputedShop() {}

  public static final ObjectId P1 = oid(0xa1);
  public static final ObjectId P2 = oid(0xa2);
  public static final ObjectId P3_DELETED = oid(0xa3);
  public static final ObjectId U1 = oid(0xb1);
  public static final ObjectId U2_NO_EMAIL = oid(0xb2);
  public static final ObjectId U3_DELETED = oid(0xb3);
  public static final Period NOVEMBER = Period.of(2024, 11);
  public static final AsOf AS_OF = AsOf.of(LocalDate.of(2024, 11, 30));

  public static final List<Document> PRODUCTS = List.of(
      product(P1, "SKU-1", "Widget", "Electronics"),
      product(P2, null, "Gadget", "Home"));
  public static final List<Document> USERS = List.of(user(U1, "u1@x.io"), user(U2_NO_EMAIL, null));

  public static final List<Document> ORDERS = List.of(
      // O1: 2 x 19.99 (double) = 39.98 + 1 x 5.005 (decimal) = 5.005 -> order 44.985
      order(oid(0xc1), U1, "2024-11-05T10:00:00Z", "delivered").payment("credit_card")
          .item(item(P1, 2, 19.99))
          .item(item(P2, 1, dec("5.005")))
          .build(),
      // O2: 1 x 20 (int32) + 3 (int64) x 0.1 = 0.3 (a category on the item) -> 20.3; no payment
      order(oid(0xc2), U2_NO_EMAIL, "2024-11-05T23:59:59.999Z", "shipped")
          .item(item(P1, 1, 20))
          .item(item(P3_DELETED, 3L, 0.1).category("Toys").sku("OLD-3").name("Old"))
          .build(),
      // O3: P1 on two lines, 19.99 + 1.0 (whole double) x 10 (int64); P3 0.1, no category -> 30.09
      order(oid(0xc3), U1, "2024-11-30T23:59:59.999Z", "returned").payment("paypal")
          .item(item(P1, 1, 19.99))
          .item(item(P1, 1.0, 10L))
          .item(item(P3_DELETED, dec("1"), 0.1).sku("NEW-3").name(""))
          .build(),
      // O4: after November and after as_of: not read at all
      order(oid(0xc4), U3_DELETED, "2024-12-01T00:00:00Z", "delivered").payment("credit_card")
          .item(item(P1, 1, 19.99))
          .build(),
      // O5: October (no period) but before as_of: customers only
      order(oid(0xc5), U2_NO_EMAIL, "2024-10-31T23:59:59.999Z", "delivered").payment("credit_card")
          .item(item(P2, 1, 7))
          .build(),
      // O6: valid, not a sale
      order(oid(0xc6), U1, "2024-11-10T12:00:00Z", "pending").payment("credit_card")
          .item(item(P1, 5, 19.99))
          .build(),
      // O7: rejected, read (in November)
      order(oid(0xc7), U1, "2024-11-12T12:00:00Z", "delivered").item(item(P1, 0, 19.99)).build(),
      // O8: rejected, read (an invalid created_at is always read)
      order(oid(0xc8), U2_NO_EMAIL, "2024-11-13T00:00:00Z", "delivered").set("created_at", "2024-11-13")
          .item(item(P1, 1, 19.99))
          .build(),
      // O9: malformed but outside every scope: not read, not counted
      order(oid(0xc9), U3_DELETED, "2025-02-01T00:00:00Z", "delivered").item(item(P1, 0, 1)).build());

  public static ReferenceResult runReference() {
    return ReferenceAnalytics.compute(ORDERS, PRODUCTS, USERS, List.of(NOVEMBER), AS_OF);
  }

  static Decimal128 money(String twoDecimals) {
    return Decimal128.parse(twoDecimals);
  }

  static Document daily(String date, long orders, long quantity, String revenue) {
    return new Document("date", date).append("orders", orders).append("quantity", quantity)
        .append("revenue", money(revenue));
  }

  static Document spender(ObjectId userId, String totalSpent, long orderCount) {
    return new Document("user_id", userId).append("total_spent", money(totalSpent)).append("order_count", orderCount);
  }

  static Document productDocument(ObjectId productId, String sku, String name, Document metrics,
      List<Document> daily, List<Document> topCustomers, String lastSoldAt) {
    return new Document("product_id", productId)
        .append("period", "2024-11")
        .append("period_start", date("2024-11-01T00:00:00Z"))
        .append("period_end", date("2024-11-30T23:59:59Z"))
        .append("sku", sku)
        .append("name", name)
        .append("metrics", metrics)
        .append("daily_breakdown", daily)
        .append("top_customers", topCustomers)
        .append("last_sold_at", date(lastSoldAt));
  }

  static Document productMetrics(long orders, long quantity, String revenue, String average, long customers) {
    return new Document("total_orders", orders)
        .append("total_quantity_sold", quantity)
        .append("total_revenue", money(revenue))
        .append("average_order_value", money(average))
        .append("unique_customers", customers);
  }

  /** product_analytics of November. */
  public static List<Document> expectedProductAnalytics() {
    return List.of(
        // P1: O1 2 x 19.99, O2 1 x 20, O3 19.99 + 10: 3 orders, 5 units, 89.97, 89.97 / 3 = 29.99
        productDocument(P1, "SKU-1", "Widget",
            productMetrics(3, 5, "89.97", "29.99", 2),
            List.of(daily("2024-11-05", 2, 3, "59.98"), daily("2024-11-30", 1, 2, "29.99")),
            List.of(spender(U1, "69.97", 2), spender(U2_NO_EMAIL, "20.00", 1)),
            "2024-11-30T23:59:59.999Z"),
        // P2: 5.005 stored half-even as 5.00; sku missing in products: null (no fall-back to items)
        productDocument(P2, null, "Gadget",
            productMetrics(1, 1, "5.00", "5.00", 1),
            List.of(daily("2024-11-05", 1, 1, "5.00")),
            List.of(spender(U1, "5.00", 1)),
            "2024-11-05T10:00:00Z"),
        // P3 deleted: sku/name from the latest line (O3): "NEW-3", and "" becomes null
        productDocument(P3_DELETED, "NEW-3", null,
            productMetrics(2, 4, "0.40", "0.20", 2),
            List.of(daily("2024-11-05", 1, 3, "0.30"), daily("2024-11-30", 1, 1, "0.10")),
            List.of(spender(U2_NO_EMAIL, "0.30", 1), spender(U1, "0.10", 1)),
            "2024-11-30T23:59:59.999Z"));
  }


  static Document share(String nameField, String name, long orders, String revenue, double percentage) {
    return new Document(nameField, name).append("orders", orders).append("revenue", money(revenue))
        .append("percentage", percentage);
  }

  static Document topProduct(ObjectId productId, String sku, String name, long quantity, String revenue) {
    return new Document("product_id", productId).append("sku", sku).append("name", name)
        .append("quantity_sold", quantity).append("revenue", money(revenue));
  }

  static Document trend(String date, long orders, String revenue) {
    return new Document("date", date).append("orders", orders).append("revenue", money(revenue));
  }

  public static List<Document> expectedSalesAnalytics() {
    // Sales O1, O2, O3: 44.985 + 20.3 + 30.09 = 95.375 -> 95.38; / 3 = 31.791.. -> 31.79.
    Document expected = new Document("period", "2024-11")
        .append("period_start", date("2024-11-01T00:00:00Z"))
        .append("period_end", date("2024-11-30T23:59:59Z"))
        .append("totals", new Document("total_orders", 3L)
            .append("total_revenue", money("95.38"))
            .append("total_customers", 2L)
            .append("average_order_value", money("31.79")))
        .append("by_category", List.of(
            share("category", "Electronics", 3, "89.97", 94.3), // 100 x 89.97 / 95.375 = 94.332..
            share("category", "Home", 1, "5.00", 5.2), // 5.005 -> 5.2477..
            share("category", "Toys", 1, "0.30", 0.3), // item category on O2: 0.3145..
            share("category", "unknown", 1, "0.10", 0.1))) // deleted product, no item category
        .append("by_payment_method", List.of(
            share("method", "credit_card", 1, "44.98", 47.2), // 44.985 -> 44.98 half-even; 47.166..
            share("method", "paypal", 1, "30.09", 31.5),
            share("method", "unknown", 1, "20.30", 21.3)))
        .append("top_products", List.of(
            topProduct(P1, "SKU-1", "Widget", 5, "89.97"),
            topProduct(P2, null, "Gadget", 1, "5.00"),
            topProduct(P3_DELETED, "NEW-3", null, 4, "0.40")))
        .append("daily_trend", List.of(
            trend("2024-11-05", 2, "65.28"), // 44.985 + 20.3 = 65.285 -> 65.28 half-even
            trend("2024-11-30", 1, "30.09")));
    return List.of(expected);
  }

  public static List<Document> expectedCustomerAnalytics() {
    // Sales up to the end of 2024-11-30: O1, O2, O3, O5. RFM over 2 customers: ranks
    // ceil(k * 2 / 5) = 1, 1, 2, 2. r: U1 0, U2 -25 -> q = -25, -25, 0, 0 -> U1 3, U2 1.
    // f: 2 and 2 -> both 1. m: 75.08 and 27.30 -> U1 3, U2 1.
    Document u1 = new Document("user_id", U1)
        .append("email", "u1@x.io")
        .append("customer_segment", "regular") // 3 + 1 + 3 = 7; recency 3 matches no rule
        .append("as_of", date("2024-11-30T00:00:00Z"))
        .append("lifetime_metrics", new Document("total_orders", 2L)
            .append("total_spent", money("75.08")) // 44.985 + 30.09 = 75.075 -> 75.08
            .append("average_order_value", money("37.54")) // 37.5375
            .append("first_order_date", date("2024-11-05T10:00:00Z"))
            .append("last_order_date", date("2024-11-30T23:59:59.999Z"))
            .append("days_as_customer", 25))
        .append("behavior", new Document("favorite_categories", List.of("Electronics", "Home"))
            .append("preferred_payment_method", "credit_card") // 1 order each: 44.98 > 30.09
            .append("average_items_per_order", 3.0) // (2 + 1 + 1 + 1 + 1) / 2
            .append("return_rate", 0.5))
        .append("rfm_score", new Document("recency", 3).append("frequency", 1).append("monetary", 3)
            .append("total", 7));
    Document u2 = new Document("user_id", U2_NO_EMAIL)
        .append("email", null)
        .append("customer_segment", "hibernating") // recency 1 <= 2, f 1 and m 1 rule out at_risk
        .append("as_of", date("2024-11-30T00:00:00Z"))
        .append("lifetime_metrics", new Document("total_orders", 2L)
            .append("total_spent", money("27.30"))
            .append("average_order_value", money("13.65"))
            .append("first_order_date", date("2024-10-31T23:59:59.999Z"))
            .append("last_order_date", date("2024-11-05T23:59:59.999Z"))
            .append("days_as_customer", 5))
        .append("behavior", new Document("favorite_categories", List.of("Electronics", "Home"))
            .append("preferred_payment_method", "unknown") // 1 order each: 20.30 > 7.00
            .append("average_items_per_order", 2.5)
            .append("return_rate", 0.0))
        .append("rfm_score", new Document("recency", 1).append("frequency", 1).append("monetary", 1)
            .append("total", 3));
    return List.of(u1, u2);
  }

  /** Order id -> reason of the orders the run rejects. */
  public static Map<Object, String> expectedRejects() {
    return Map.of(oid(0xc7), "item_quantity_invalid", oid(0xc8), "created_at_invalid");
  }
}
