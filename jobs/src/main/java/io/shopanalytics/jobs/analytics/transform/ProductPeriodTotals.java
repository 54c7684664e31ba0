package io.shopanalytics.jobs.analytics.transform;

import io.shopanalytics.common.money.Cents;
import io.shopanalytics.common.money.HalfEven;
import io.shopanalytics.common.money.MoneySum;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * One product's sales in one month, added up from its {@link Contribution#PRODUCT_SALE}s (each one
 * sale order's lines of the product), into its {@code product_analytics} row (docs/CONTRACT.md, 8)
 * and its entry among the month's top products (9).
 */
final class ProductPeriodTotals {
  static final int TOP_CUSTOMERS = 10;
  private static final StructType METRICS = (StructType) OutputSchemas.PRODUCT.apply("metrics").dataType();
  private static final StructType DAY = OutputSchemas.elementOf(OutputSchemas.PRODUCT, "daily_breakdown");
  private static final StructType CUSTOMER = OutputSchemas.elementOf(OutputSchemas.PRODUCT, "top_customers");

  private final String productId;
  private final String period;
  private long orders;
  private long quantity;
  private final MoneySum revenue = new MoneySum();
  private long lastSoldAt = Long.MIN_VALUE;
  private final Map<Long, DayTotals> days = new HashMap<>();
  private final Map<String, BuyerTotals> buyers = new HashMap<>();
  /** The latest line's item, for a product gone from the catalogue. */
  private LabelledLine latest;

  ProductPeriodTotals(String productId, String period) {
    this.productId = productId;
    this.period = period;
  }

  /** @param names where the buyers' ids this state keeps are shared with the task's other products and months */
  void add(Row sale, CanonicalNames names) {
    long saleQuantity = sale.getLong(Contribution.QUANTITY);
    MoneySum saleRevenue = MoneySum.of(sale.getLong(Contribution.UNITS), sale.getDecimal(Contribution.BEYOND_UNITS));
    long createdAt = sale.getLong(Contribution.CREATED_AT);
    orders++;
    quantity += saleQuantity;
    revenue.add(saleRevenue);
    lastSoldAt = Math.max(lastSoldAt, createdAt);
    DayTotals day = days.computeIfAbsent(sale.getLong(Contribution.DAY), d -> new DayTotals());
    day.orders++;
    day.quantity += saleQuantity;
    day.revenue.add(saleRevenue);
    BuyerTotals buyer = buyers.computeIfAbsent(names.of(sale.getString(Contribution.USER_ID)), u -> new BuyerTotals());
    buyer.orders++;
    buyer.spent.add(saleRevenue);
    if (sale.getString(Contribution.ORDER_ID) != null) {
      LabelledLine line = new LabelledLine(createdAt, sale.getString(Contribution.ORDER_ID),
          sale.getInt(Contribution.LINE), sale.getString(Contribution.TEXT), sale.getString(Contribution.ITEM_NAME));
      if (latest == null || LabelledLine.LATEST.compare(line, latest) > 0) {
        latest = line;
      }
    }
  }

  /** The catalogue's sku and name; for a product gone from it, those of its latest line's item. */
  String[] labels(Catalogue catalogue) {
    Catalogue.Product product = catalogue.get(productId);
    if (product != null) {
      return new String[] {product.sku(), product.name()};
    }
    return new String[] {latest.sku(), latest.name()};
  }

  Row toRow(Catalogue catalogue, SaleCalendar calendar) {
    String[] labels = labels(catalogue);
    Row metrics = new GenericRowWithSchema(new Object[] {orders, quantity, HalfEven.cents(revenue),
        HalfEven.average(revenue, orders), (long) buyers.size()}, METRICS);
    return new GenericRowWithSchema(new Object[] {productId, period, calendar.periodStart(period),
        calendar.periodEnd(period), labels[0], labels[1], metrics, daily(calendar), topCustomers(),
        new Timestamp(lastSoldAt)}, OutputSchemas.PRODUCT);
  }

  /** Its entry among the month's top products: by stored revenue. */
  TopProducts.Candidate candidate(Catalogue catalogue) {
    String[] labels = labels(catalogue);
    return new TopProducts.Candidate(productId, labels[0], labels[1], quantity, Cents.of(revenue));
  }

  String period() {
    return period;
  }

  private Object[] daily(SaleCalendar calendar) {
    List<Object> entries = new ArrayList<>(days.size());
    new TreeMap<>(days).forEach((day, totals) -> entries.add(new GenericRowWithSchema(new Object[] {
        calendar.date(day), totals.orders, totals.quantity, HalfEven.cents(totals.revenue)}, DAY)));
    return entries.toArray();
  }

  private Object[] topCustomers() {
    List<RankedBuyer> ranked = new ArrayList<>(buyers.size());
    buyers.forEach((userId, totals) -> ranked.add(new RankedBuyer(userId, Cents.of(totals.spent), totals.orders)));
    return TopN.of(ranked, RankedBuyer.ORDER, TOP_CUSTOMERS).stream()
        .map(buyer -> new GenericRowWithSchema(new Object[] {buyer.userId, buyer.spent.toDecimal(), buyer.orders},
            CUSTOMER))
        .toArray();
  }

  /** A line of a product gone from the catalogue, with its item's labels. */
  private record LabelledLine(long createdAt, String orderId, int line, String sku, String name) {
    /** Later created_at, then greater order id, then the order's earlier line (docs/CONTRACT.md, 6). */
    static final Comparator<LabelledLine> LATEST = Comparator.comparingLong(LabelledLine::createdAt)
        .thenComparing(LabelledLine::orderId, TextOrder.ASCENDING)
        .thenComparing(Comparator.comparingInt(LabelledLine::line).reversed());
  }

  private static final class DayTotals {
    long orders;
    long quantity;
    final MoneySum revenue = new MoneySum();
  }

  private static final class BuyerTotals {
    long orders;
    final MoneySum spent = new MoneySum();
  }

  /** Top customers: by stored spend descending, then user id (docs/CONTRACT.md, 8). */
  private record RankedBuyer(String userId, Cents spent, long orders) {
    static final Comparator<RankedBuyer> ORDER = Comparator.comparing(RankedBuyer::spent).reversed()
        .thenComparing(RankedBuyer::userId, TextOrder.ASCENDING);
  }
}
