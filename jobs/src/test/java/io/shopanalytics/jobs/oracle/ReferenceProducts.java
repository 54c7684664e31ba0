package io.shopanalytics.jobs.oracle;

import static io.shopanalytics.jobs.oracle.ReferenceRounding.average;
import static io.shopanalytics.jobs.oracle.ReferenceRounding.money;

import io.shopanalytics.common.time.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/** product_analytics: one document per (product_id, period) with at least one sale line. */
final class ReferenceProducts {
  static final int TOP_CUSTOMERS = 10;

  private ReferenceProducts() {}

  /** The documents of one period, in product_id hex order. */
  static List<Document> forPeriod(Period period, List<SaleOrder> salesInPeriod, ReferenceCatalog catalog) {
    Map<Object, List<SaleLine>> linesByProduct = new LinkedHashMap<>();
    for (SaleOrder sale : salesInPeriod) {
      for (SaleLine line : sale.lines()) {
        linesByProduct.computeIfAbsent(line.productId(), id -> new ArrayList<>()).add(line);
      }
    }
    List<Object> productIds = new ArrayList<>(linesByProduct.keySet());
    productIds.sort(ReferenceIds.ASCENDING);
    List<Document> documents = new ArrayList<>();
    for (Object productId : productIds) {
      documents.add(document(period, productId, linesByProduct.get(productId), catalog));
    }
    return documents;
  }

  private static Document document(
      Period period, Object productId, List<SaleLine> lines, ReferenceCatalog catalog) {
    Tally total = new Tally();
    Map<LocalDate, Tally> byDay = new TreeMap<>();
    Map<Object, Tally> byCustomer = new LinkedHashMap<>();
    for (SaleLine line : lines) {
      total.addLine(line);
      byDay.computeIfAbsent(line.order().utcDate(), day -> new Tally()).addLine(line);
      byCustomer.computeIfAbsent(line.order().userId(), user -> new Tally()).addLine(line);
    }
    ReferenceCatalog.Label label = catalog.labelOf(productId, lines);
    return new Document("product_id", productId)
        .append("period", period.id())
        .append("period_start", Date.from(period.start()))
        .append("period_end", Date.from(period.storedEnd()))
        .append("sku", label.sku())
        .append("name", label.name())
        .append("metrics", new Document("total_orders", total.orderCount())
            .append("total_quantity_sold", total.quantity())
            .append("total_revenue", money(total.revenue()))
            .append("average_order_value", average(total.revenue(), total.orderCount()))
            .append("unique_customers", total.customerCount()))
        .append("daily_breakdown", dailyBreakdown(byDay))
        .append("top_customers", topCustomers(byCustomer))
        // the latest sale of the product in the period (feeds products.analytics.last_sold_at)
        .append("last_sold_at", Date.from(lines.stream().map(line -> line.order().createdAt())
            .max(java.time.Instant::compareTo).orElseThrow()));
  }

  private static List<Document> dailyBreakdown(Map<LocalDate, Tally> byDay) {
    List<Document> days = new ArrayList<>();
    byDay.forEach((day, tally) -> days.add(new Document("date", day.toString())
        .append("orders", tally.orderCount())
        .append("quantity", tally.quantity())
        .append("revenue", money(tally.revenue()))));
    return days;
  }

  /** Top 10 by stored total_spent descending, ties by user_id hex ascending. */
  private static List<Document> topCustomers(Map<Object, Tally> byCustomer) {
    List<Document> top = new ArrayList<>();
    for (Map.Entry<Object, Tally> entry :
        Tally.rankByRevenue(byCustomer, ReferenceIds.ASCENDING, TOP_CUSTOMERS)) {
      top.add(new Document("user_id", entry.getKey())
          .append("total_spent", money(entry.getValue().revenue()))
          .append("order_count", entry.getValue().orderCount()));
    }
    return top;
  }
}
