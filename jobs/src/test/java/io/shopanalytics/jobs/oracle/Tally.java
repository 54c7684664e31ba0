package io.shopanalytics.jobs.oracle;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Running totals of one group (a product, a day, a category, a customer...): distinct sale orders,
 * distinct customers, quantity and exact revenue. Orders are distinct by identity, so adding two
 * lines of one order counts that order once and sums both lines.
 */
final class Tally {
  private final Set<SaleOrder> orders = new HashSet<>();
  private final Set<Object> customers = new HashSet<>();
  private long quantity;
  private BigDecimal revenue = BigDecimal.ZERO;

  /** Adds one line: its order, the order's customer, its quantity and its line revenue. */
  Tally addLine(SaleLine line) {
    orders.add(line.order());
    customers.add(line.order().userId());
    quantity = Math.addExact(quantity, line.quantity());
    revenue = revenue.add(line.revenue());
    return this;
  }

  /** Adds a whole order: its quantity and its order revenue (sum of all its lines). */
  Tally addOrder(SaleOrder order) {
    orders.add(order);
    customers.add(order.userId());
    quantity = Math.addExact(quantity, order.quantity());
    revenue = revenue.add(order.revenue());
    return this;
  }

  long orderCount() {
    return orders.size();
  }

  long customerCount() {
    return customers.size();
  }

  long quantity() {
    return quantity;
  }

  BigDecimal revenue() {
    return revenue;
  }

  /**
   * The groups ranked by stored (rounded) revenue descending, ties by {@code keyOrder}, at most
   * {@code limit} of them. Rankings compare the stored values (lead's decision), so two groups whose
   * exact revenues differ below the cent tie and fall to the key order.
   */
  static <K> List<Map.Entry<K, Tally>> rankByRevenue(
      Map<K, Tally> groups, Comparator<? super K> keyOrder, int limit) {
    Comparator<Map.Entry<K, Tally>> byStoredRevenueDesc = Comparator.comparing(
        (Map.Entry<K, Tally> e) -> ReferenceRounding.storedMoney(e.getValue().revenue()))
        .reversed();
    List<Map.Entry<K, Tally>> ranked = new ArrayList<>(groups.entrySet());
    ranked.sort(byStoredRevenueDesc.thenComparing(Map.Entry::getKey, keyOrder));
    return ranked.subList(0, Math.min(limit, ranked.size()));
  }
}
