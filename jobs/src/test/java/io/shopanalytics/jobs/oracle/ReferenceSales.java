package io.shopanalytics.jobs.oracle;

import static io.shopanalytics.jobs.oracle.ReferenceRounding.average;
import static io.shopanalytics.jobs.oracle.ReferenceRounding.money;
import static io.shopanalytics.jobs.oracle.ReferenceRounding.percentage;

import io.shopanalytics.common.time.Period;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bson.Document;

/** sales_analytics: one document per period with at least one sale. */
final class ReferenceSales {
  static final int TOP_PRODUCTS = 100;

  private ReferenceSales() {}

  static Optional<Document> forPeriod(Period period, List<SaleOrder> salesInPeriod, ReferenceCatalog catalog) {
    if (salesInPeriod.isEmpty()) {
      return Optional.empty();
    }
    Tally total = new Tally();
    Map<String, Tally> byCategory = new HashMap<>();
    Map<String, Tally> byMethod = new HashMap<>();
    Map<Object, Tally> byProduct = new HashMap<>();
    Map<Object, List<SaleLine>> linesByProduct = new HashMap<>();
    Map<LocalDate, Tally> byDay = new TreeMap<>();
    for (SaleOrder sale : salesInPeriod) {
      total.addOrder(sale);
      byMethod.computeIfAbsent(sale.paymentMethod(), m -> new Tally()).addOrder(sale);
      byDay.computeIfAbsent(sale.utcDate(), d -> new Tally()).addOrder(sale);
      for (SaleLine line : sale.lines()) {
        byCategory.computeIfAbsent(line.category(), c -> new Tally()).addLine(line);
        byProduct.computeIfAbsent(line.productId(), p -> new Tally()).addLine(line);
        linesByProduct.computeIfAbsent(line.productId(), p -> new ArrayList<>()).add(line);
      }
    }
    BigDecimal totalRevenue = total.revenue();
    return Optional.of(new Document("period", period.id())
        .append("period_start", Date.from(period.start()))
        .append("period_end", Date.from(period.storedEnd()))
        .append("totals", new Document("total_orders", total.orderCount())
            .append("total_revenue", money(totalRevenue))
            .append("total_customers", total.customerCount())
            .append("average_order_value", average(totalRevenue, total.orderCount())))
        .append("by_category", shares("category", byCategory, totalRevenue))
        .append("by_payment_method", shares("method", byMethod, totalRevenue))
        .append("top_products", topProducts(byProduct, linesByProduct, catalog))
        .append("daily_trend", dailyTrend(byDay)));
  }

  /**
   * by_category / by_payment_method: descending stored revenue, ties by name ascending (String
   * order, i.e. UTF-16 code units); percentage from the exact (unrounded) revenues.
   */
  private static List<Document> shares(String nameField, Map<String, Tally> groups, BigDecimal totalRevenue) {
    List<Document> shares = new ArrayList<>();
    for (Map.Entry<String, Tally> entry :
        Tally.rankByRevenue(groups, Comparator.naturalOrder(), Integer.MAX_VALUE)) {
      Tally tally = entry.getValue();
      shares.add(new Document(nameField, entry.getKey())
          .append("orders", tally.orderCount())
          .append("revenue", money(tally.revenue()))
          .append("percentage", percentage(tally.revenue(), totalRevenue)));
    }
    return shares;
  }

  /** Top 100 by stored revenue descending, ties by product_id hex ascending. */
  private static List<Document> topProducts(
      Map<Object, Tally> byProduct, Map<Object, List<SaleLine>> linesByProduct, ReferenceCatalog catalog) {
    List<Document> top = new ArrayList<>();
    for (Map.Entry<Object, Tally> entry :
        Tally.rankByRevenue(byProduct, ReferenceIds.ASCENDING, TOP_PRODUCTS)) {
      Object productId = entry.getKey();
      ReferenceCatalog.Label label = catalog.labelOf(productId, linesByProduct.get(productId));
      top.add(new Document("product_id", productId)
          .append("sku", label.sku())
          .append("name", label.name())
          .append("quantity_sold", entry.getValue().quantity())
          .append("revenue", money(entry.getValue().revenue())));
    }
    return top;
  }

  private static List<Document> dailyTrend(Map<LocalDate, Tally> byDay) {
    List<Document> days = new ArrayList<>();
    byDay.forEach((day, tally) -> days.add(new Document("date", day.toString())
        .append("orders", tally.orderCount())
        .append("revenue", money(tally.revenue()))));
    return days;
  }
}
