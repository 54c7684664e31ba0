package io.shopanalytics.jobs.oracle;

import static io.shopanalytics.jobs.oracle.ReferenceRounding.average;
import static io.shopanalytics.jobs.oracle.ReferenceRounding.money;
import static io.shopanalytics.jobs.oracle.ReferenceRounding.ratio;

import io.shopanalytics.common.time.AsOf;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * customer_analytics: one document per user with at least one sale up to as_of, over the whole
 * history (every sale with created_at before the end of the as_of day).
 */
final class ReferenceCustomers {
  static final int FAVORITE_CATEGORIES = 2;

  private ReferenceCustomers() {}

  /** The documents in user_id hex order. */
  static List<Document> compute(List<SaleOrder> salesUpToAsOf, AsOf asOf, ReferenceCatalog catalog) {
    Map<Object, List<SaleOrder>> ordersByUser = new LinkedHashMap<>();
    for (SaleOrder sale : salesUpToAsOf) {
      ordersByUser.computeIfAbsent(sale.userId(), user -> new ArrayList<>()).add(sale);
    }
    List<Object> userIds = new ArrayList<>(ordersByUser.keySet());
    userIds.sort(ReferenceIds.ASCENDING);

    List<Customer> customers = new ArrayList<>();
    for (Object userId : userIds) {
      customers.add(new Customer(userId, ordersByUser.get(userId)));
    }
    List<ReferenceRfm.Score> rfm = scores(customers, asOf);

    List<Document> documents = new ArrayList<>();
    for (int i = 0; i < customers.size(); i++) {
      documents.add(customers.get(i).document(asOf, rfm.get(i), catalog));
    }
    return documents;
  }

  /**
   * RFM inputs: r = -(days from the UTC date of last_order_date to as_of), f = total_orders,
   * m = the stored (rounded) total_spent; each scored over all customers of the run.
   */
  private static List<ReferenceRfm.Score> scores(List<Customer> customers, AsOf asOf) {
    List<Long> recency = new ArrayList<>();
    List<Long> frequency = new ArrayList<>();
    List<BigDecimal> monetary = new ArrayList<>();
    for (Customer customer : customers) {
      recency.add(-ChronoUnit.DAYS.between(utcDate(customer.lastOrder), asOf.date()));
      frequency.add(customer.total.orderCount());
      monetary.add(ReferenceRounding.storedMoney(customer.total.revenue()));
    }
    List<Integer> r = ReferenceRfm.scores(recency);
    List<Integer> f = ReferenceRfm.scores(frequency);
    List<Integer> m = ReferenceRfm.scores(monetary);
    List<ReferenceRfm.Score> scores = new ArrayList<>();
    for (int i = 0; i < customers.size(); i++) {
      scores.add(new ReferenceRfm.Score(r.get(i), f.get(i), m.get(i)));
    }
    return scores;
  }

  private static LocalDate utcDate(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  /** One customer's sale history and its aggregates. */
  private static final class Customer {
    final Object userId;
    final Tally total = new Tally();
    final Map<String, Tally> byCategory = new HashMap<>();
    final Map<String, Tally> byMethod = new HashMap<>();
    long returnedOrders;
    Instant firstOrder;
    Instant lastOrder;

    Customer(Object userId, List<SaleOrder> orders) {
      this.userId = userId;
      for (SaleOrder order : orders) {
        total.addOrder(order);
        byMethod.computeIfAbsent(order.paymentMethod(), m -> new Tally()).addOrder(order);
        for (SaleLine line : order.lines()) {
          byCategory.computeIfAbsent(line.category(), c -> new Tally()).addLine(line);
        }
        if (order.isReturned()) {
          returnedOrders++;
        }
        if (firstOrder == null || order.createdAt().isBefore(firstOrder)) {
          firstOrder = order.createdAt();
        }
        if (lastOrder == null || order.createdAt().isAfter(lastOrder)) {
          lastOrder = order.createdAt();
        }
      }
    }

    Document document(AsOf asOf, ReferenceRfm.Score score, ReferenceCatalog catalog) {
      long orders = total.orderCount();
      // days_as_customer: calendar days between the UTC dates, whatever the times of day.
      int daysAsCustomer = Math.toIntExact(ChronoUnit.DAYS.between(utcDate(firstOrder), utcDate(lastOrder)));
      return new Document("user_id", userId)
          .append("email", catalog.emailOf(userId))
          .append("customer_segment", ReferenceRfm.segment(score, orders))
          .append("as_of", Date.from(asOf.start()))
          .append("lifetime_metrics", new Document("total_orders", orders)
              .append("total_spent", money(total.revenue()))
              .append("average_order_value", average(total.revenue(), orders))
              .append("first_order_date", Date.from(firstOrder))
              .append("last_order_date", Date.from(lastOrder))
              .append("days_as_customer", daysAsCustomer))
          .append("behavior", new Document("favorite_categories", favoriteCategories())
              .append("preferred_payment_method", preferredPaymentMethod())
              .append("average_items_per_order", ratio(BigDecimal.valueOf(total.quantity()), orders))
              .append("return_rate", ratio(BigDecimal.valueOf(returnedOrders), orders)))
          .append("rfm_score", new Document("recency", score.recency())
              .append("frequency", score.frequency())
              .append("monetary", score.monetary())
              .append("total", score.total()));
    }

    /**
     * The 2 categories with the highest stored spend, ties by name ascending. A category bought
     * only at price 0 has spend 0.00 and still competes (it is a category the customer bought).
     */
    private List<String> favoriteCategories() {
      List<String> favorites = new ArrayList<>();
      for (Map.Entry<String, Tally> entry :
          Tally.rankByRevenue(byCategory, Comparator.naturalOrder(), FAVORITE_CATEGORIES)) {
        favorites.add(entry.getKey());
      }
      return favorites;
    }

    /** Most sale orders; ties by higher stored revenue; then by name ascending. */
    private String preferredPaymentMethod() {
      Comparator<Map.Entry<String, Tally>> preference = Comparator
          .comparingLong((Map.Entry<String, Tally> e) -> e.getValue().orderCount()).reversed()
          .thenComparing(
              (Map.Entry<String, Tally> e) -> ReferenceRounding.storedMoney(e.getValue().revenue()),
              Comparator.reverseOrder())
          .thenComparing(Map.Entry::getKey);
      return byMethod.entrySet().stream().min(preference).orElseThrow().getKey();
    }
  }
}
