package io.shopanalytics.jobs.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * What the sales charts receive, shaped from sales_analytics and product_analytics documents (pure).
 * Gaps are nulls: a month without a category's sale draws no point rather than a made-up zero.
 */
public final class SalesShapes {
  private SalesShapes() {}

  /** One month of the sales trend: the stored totals. */
  public record MonthRow(String period, long orders, String revenue, String averageOrderValue, long customers) {}

  /** One day of a month's trend. */
  public record DayRow(String date, long orders, String revenue) {}

  /** One stacked series over the months: a category's or method's percentage and revenue, null where absent. */
  public record ShareSeries(String name, List<Double> percentage, List<String> revenue) {}

  /** Shares by month, series by descending revenue over all months (ties by name). */
  public record ShareByMonth(List<String> periods, List<ShareSeries> series) {}

  /**
   * A product of the month's top list, in stored (revenue) order. {@code label} names it on a chart
   * axis: its sku, else its name, else its id (products without sku or name exist).
   */
  public record ProductRow(int rank, String productId, String sku, String name, String label, long quantity,
      String revenue) {}

  /** A product's revenue month by month, null in months without a sale. */
  public record ProductSeries(String productId, String label, String name, List<String> revenue) {}

  public record ProductTrend(List<String> periods, List<ProductSeries> products) {}

  public static List<MonthRow> monthly(List<Document> months) {
    return months.stream().map(month -> {
      Document totals = Figures.sub(month, "totals");
      return new MonthRow(month.getString("period"), Figures.count(totals.get("total_orders")),
          Figures.money(totals.get("total_revenue")), Figures.money(totals.get("average_order_value")),
          Figures.count(totals.get("total_customers")));
    }).toList();
  }

  public static List<DayRow> daily(Document month) {
    if (month == null) {
      return List.of();
    }
    return month.getList("daily_trend", Document.class, List.of()).stream()
        .map(day -> new DayRow(day.getString("date"), Figures.count(day.get("orders")),
            Figures.money(day.get("revenue"))))
        .toList();
  }

  /**
   * Pivots a breakdown array ({@code by_category} keyed by {@code category}, {@code by_payment_method}
   * keyed by {@code method}) into one series per name over the months.
   */
  public static ShareByMonth shares(List<Document> months, String array, String key) {
    List<String> periods = months.stream().map(m -> m.getString("period")).toList();
    Map<String, Double[]> percentages = new LinkedHashMap<>();
    Map<String, String[]> revenues = new HashMap<>();
    Map<String, BigDecimal> totals = new HashMap<>();
    for (int i = 0; i < months.size(); i++) {
      for (Document share : months.get(i).getList(array, Document.class, List.of())) {
        String name = share.getString(key);
        percentages.computeIfAbsent(name, n -> new Double[periods.size()])[i] = Figures.ratio(share.get("percentage"));
        revenues.computeIfAbsent(name, n -> new String[periods.size()])[i] = Figures.money(share.get("revenue"));
        totals.merge(name, Figures.decimal(share.get("revenue")), BigDecimal::add);
      }
    }
    List<ShareSeries> series = percentages.keySet().stream()
        .sorted(Comparator.comparing((String name) -> totals.get(name)).reversed()
            .thenComparing(Comparator.naturalOrder()))
        .map(name -> new ShareSeries(name, Arrays.asList(percentages.get(name)), Arrays.asList(revenues.get(name))))
        .toList();
    return new ShareByMonth(periods, series);
  }

  public static List<ProductRow> topProducts(Document month, int limit) {
    if (month == null) {
      return List.of();
    }
    List<Document> products = month.getList("top_products", Document.class, List.of());
    List<ProductRow> rows = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, products.size()); i++) {
      Document product = products.get(i);
      String id = Figures.id(product.get("product_id"));
      String sku = product.getString("sku");
      String name = product.getString("name");
      rows.add(new ProductRow(i + 1, id, sku, name, sku != null ? sku : name != null ? name : id,
          Figures.count(product.get("quantity_sold")), Figures.money(product.get("revenue"))));
    }
    return rows;
  }

  /** The given products' monthly revenue over {@code periods}, in the order of {@code products}. */
  public static ProductTrend productTrend(List<String> periods, List<ProductRow> products,
      List<Document> productAnalytics) {
    Map<String, String[]> revenue = new HashMap<>();
    for (Document document : productAnalytics) {
      int index = periods.indexOf(document.getString("period"));
      if (index >= 0) {
        revenue.computeIfAbsent(Figures.id(document.get("product_id")), id -> new String[periods.size()])[index] =
            Figures.money(Figures.sub(document, "metrics").get("total_revenue"));
      }
    }
    List<ProductSeries> series = products.stream().filter(p -> revenue.containsKey(p.productId()))
        .map(p -> new ProductSeries(p.productId(), p.label(), p.name(), Arrays.asList(revenue.get(p.productId()))))
        .toList();
    return new ProductTrend(periods, series);
  }
}
