package io.shopanalytics.jobs.analytics.transform;

import io.shopanalytics.common.money.MoneySum;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/**
 * The read side of the aggregation: one pass over a task's validated orders, as they stream from
 * the read, turns each into its {@link Contribution}s (a row per product of a sale, a row per
 * sale for its customer, a reject, an order to mark), and adds up the month totals of sales
 * analytics and the task's tally on the spot, handed on when the task's orders end.
 */
final class OrderContributions implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  /** An item's category when neither the item nor the product has one (docs/CONTRACT.md, 6). */
  static final String UNKNOWN_CATEGORY = "unknown";

  private final Broadcast<Catalogue> catalogue;
  private final AnalyticsScope scope;

  OrderContributions(Broadcast<Catalogue> catalogue, AnalyticsScope scope) {
    this.catalogue = catalogue;
    this.scope = scope;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> orders) {
    return new Task(orders, catalogue.value(), scope);
  }

  /** One task's pass: contributions in order, then its month totals and its tally. */
  private static final class Task implements Iterator<Row> {
    private final Iterator<Row> orders;
    private final Catalogue catalogue;
    private final AnalyticsScope scope;
    private final SaleCalendar calendar = new SaleCalendar();
    private final Queue<Row> ready = new ArrayDeque<>();
    private final Map<String, SalesPartial> months = new LinkedHashMap<>();
    private final ReadTally tally = new ReadTally();
    private boolean ended;

    Task(Iterator<Row> orders, Catalogue catalogue, AnalyticsScope scope) {
      this.orders = orders;
      this.catalogue = catalogue;
      this.scope = scope;
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty() && !ended) {
        if (orders.hasNext()) {
          add(orders.next());
        } else {
          end();
        }
      }
      return !ready.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.poll();
    }

    private void add(Row order) {
      tally.read();
      String reason = ValidatedOrder.rejectReason(order);
      if (reason != null) {
        tally.reject(reason);
        ready.add(Contribution.reject(ValidatedOrder.orderId(order), reason));
      }
      // only what this run recomputed counts as processed: rejects (in no month) and the orders of
      // the months whose product and sales analytics it writes (docs/CONTRACT.md, 13.4)
      if (scope.unprocessed() && !ValidatedOrder.processed(order) && (reason != null || recomputes(order))) {
        ready.add(Contribution.unprocessed(ValidatedOrder.orderId(order), ValidatedOrder.updatedAt(order)));
      }
      if (ValidatedOrder.isSale(order)) {
        tally.sale();
        addSale(order);
      }
    }

    private boolean recomputes(Row order) {
      return scope.productSide() && scope.sales()
          && scope.periodIndex(calendar.period(SaleCalendar.epochDay(ValidatedOrder.createdAtMillis(order)))) >= 0;
    }

    private void addSale(Row order) {
      long createdAt = ValidatedOrder.createdAtMillis(order);
      long day = SaleCalendar.epochDay(createdAt);
      String period = calendar.period(day);
      boolean inPeriods = scope.periodIndex(period) >= 0;
      boolean forCustomers = scope.forCustomers(createdAt);
      boolean forSales = inPeriods && scope.sales();
      if (!forCustomers && !(inPeriods && scope.productSide())) {
        return;
      }
      List<?> items = ValidatedOrder.items(order);
      if (inPeriods && scope.productSide()) {
        addProductSales(order, items, period, day, createdAt);
      }
      if (!forCustomers && !forSales) {
        return;
      }
      Entries categories = categories(items);
      MoneySum revenue = new MoneySum();
      revenue.add(ValidatedOrder.revenueUnits(order), ValidatedOrder.revenue(order));
      String method = ValidatedOrder.paymentMethod(order);
      if (forSales) {
        months.computeIfAbsent(period, p -> new SalesPartial()).addOrder(revenue, calendar.date(day), method, categories);
      }
      ready.add(Contribution.customerSale(ValidatedOrder.userId(order), inPeriods ? period : null, createdAt,
          ValidatedOrder.quantity(order), revenue.units(), revenue.beyondUnits(), ValidatedOrder.isReturned(order),
          forCustomers, method, forCustomers ? categories.toRows() : null));
    }

    /** One contribution per product of the order: its lines' quantity and revenue together. */
    private void addProductSales(Row order, List<?> items, String period, long day, long createdAt) {
      Map<String, ProductLines> products = new LinkedHashMap<>();
      for (int line = 0; line < items.size(); line++) {
        Row item = (Row) items.get(line);
        ProductLines lines = products.get(ValidatedOrder.productId(item));
        if (lines == null) {
          lines = new ProductLines(item, line);
          products.put(ValidatedOrder.productId(item), lines);
        }
        lines.quantity += ValidatedOrder.itemQuantity(item);
        lines.revenue.add(ValidatedOrder.itemRevenueUnits(item), ValidatedOrder.itemRevenue(item));
      }
      String userId = ValidatedOrder.userId(order);
      products.forEach((productId, lines) -> {
        // labels travel only for a product gone from the catalogue: its latest line's item names it
        Contribution.ItemLabel label = catalogue.get(productId) != null ? null
            : new Contribution.ItemLabel(ValidatedOrder.itemSku(lines.first), ValidatedOrder.itemName(lines.first),
                ValidatedOrder.orderId(order), lines.firstLine);
        ready.add(Contribution.productSale(productId, period, day, userId, createdAt, lines.quantity,
            lines.revenue.units(), lines.revenue.beyondUnits(), label));
      });
    }

    /** The order's categories, each counting the order once, with the revenue of its lines in it. */
    private Entries categories(List<?> items) {
      Entries categories = new Entries();
      for (Object element : items) {
        Row item = (Row) element;
        Entries.Totals category = categories.get(SalesPartial.CATEGORY, categoryOf(item));
        category.count = 1;
        category.amount.add(ValidatedOrder.itemRevenueUnits(item), ValidatedOrder.itemRevenue(item));
      }
      return categories;
    }

    /** The item's own category, else the product's current one, else unknown (docs/CONTRACT.md, 6). */
    private String categoryOf(Row item) {
      String category = ValidatedOrder.itemCategory(item);
      if (category != null) {
        return category;
      }
      Catalogue.Product product = catalogue.get(ValidatedOrder.productId(item));
      return product != null && product.category() != null ? product.category() : UNKNOWN_CATEGORY;
    }

    private void end() {
      ended = true;
      months.forEach((period, partial) -> ready.add(Contribution.sales(period, partial.entries().toRows())));
      ready.add(Contribution.tally(tally.toRows()));
    }
  }

  /** A product's lines in one order. */
  private static final class ProductLines {
    final Row first;
    final int firstLine;
    long quantity;
    final MoneySum revenue = new MoneySum();

    ProductLines(Row first, int firstLine) {
      this.first = first;
      this.firstLine = firstLine;
    }
  }
}
