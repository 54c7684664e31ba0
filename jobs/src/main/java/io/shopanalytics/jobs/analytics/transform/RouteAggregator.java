package io.shopanalytics.jobs.analytics.transform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/**
 * The merge side of the aggregation: a task receives every contribution of its routes (all sales
 * of its products' months, all sales and the email of its users, the month totals of its months),
 * adds them up, and hands on finished {@code product_analytics} rows, customers' values before
 * scoring, its months' first hundred products and distinct customers, the merged month totals and
 * tallies; rejects and orders to mark pass through. A task merges one {@link MergeSides side}, and
 * fails on a contribution of the other, which the other side's tasks would never see.
 */
final class RouteAggregator implements FlatMapFunction<Iterator<Row>, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<Catalogue> catalogue;
  private final AnalyticsScope scope;
  private final MergeSides.Side side;

  RouteAggregator(Broadcast<Catalogue> catalogue, AnalyticsScope scope, MergeSides.Side side) {
    this.catalogue = catalogue;
    this.scope = scope;
    this.side = side;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> contributions) {
    return new Task(contributions, catalogue.value(), scope, side);
  }

  private static final class Task implements Iterator<Row> {
    private final Iterator<Row> contributions;
    private final Catalogue catalogue;
    private final AnalyticsScope scope;
    private final MergeSides.Side side;
    private final SaleCalendar calendar = new SaleCalendar();
    private final Map<String, Map<String, ProductPeriodTotals>> products = new HashMap<>();
    private final Map<String, CustomerTotals> customers = new HashMap<>();
    private final Map<String, String> emails = new HashMap<>();
    private final CanonicalNames names = new CanonicalNames();
    private final Map<String, SalesPartial> months = new LinkedHashMap<>();
    private final ReadTally tally = new ReadTally();
    private final Queue<Row> ready = new ArrayDeque<>();
    private Iterator<Row> finished;

    Task(Iterator<Row> contributions, Catalogue catalogue, AnalyticsScope scope, MergeSides.Side side) {
      this.contributions = contributions;
      this.catalogue = catalogue;
      this.scope = scope;
      this.side = side;
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty() && finished == null && contributions.hasNext()) {
        add(contributions.next());
      }
      if (!ready.isEmpty()) {
        return true;
      }
      if (finished == null) {
        finished = finish();
      }
      return finished.hasNext();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.isEmpty() ? finished.next() : ready.poll();
    }

    private void add(Row contribution) {
      String key = contribution.getString(Contribution.KEY);
      byte kind = contribution.getByte(Contribution.KIND);
      if (MergeSides.sideOf(kind) != side) {
        throw new IllegalStateException("A contribution of kind " + kind + " reached the merge of the " + side
            + ": the shuffle did not partition as MergeSides expects");
      }
      switch (kind) {
        case Contribution.PRODUCT_SALE:
          products.computeIfAbsent(contribution.getString(Contribution.PERIOD), p -> new HashMap<>())
              .computeIfAbsent(key, id -> new ProductPeriodTotals(id, contribution.getString(Contribution.PERIOD)))
              .add(contribution, names);
          break;
        case Contribution.CUSTOMER_SALE:
          customers.computeIfAbsent(key, CustomerTotals::new).add(contribution, names);
          break;
        case Contribution.USER:
          emails.put(key, contribution.getString(Contribution.TEXT));
          break;
        case Contribution.SALES:
          months.computeIfAbsent(key, p -> new SalesPartial())
              .addAll(RowArrays.list(contribution, Contribution.ENTRIES));
          break;
        case Contribution.TALLY:
          tally.addAll(RowArrays.list(contribution, Contribution.ENTRIES));
          break;
        case Contribution.REJECT:
          ready.add(Aggregates.reject(key, contribution.getString(Contribution.TEXT)));
          break;
        case Contribution.UNPROCESSED:
          ready.add(Aggregates.unprocessed(key, contribution.getTimestamp(Contribution.UPDATED_AT)));
          break;
        default:
          throw new IllegalStateException("Unknown contribution kind " + kind);
      }
    }

    /** Everything added up, once the task's contributions have all arrived. */
    private Iterator<Row> finish() {
      List<Row> small = new ArrayList<>();
      if (scope.sales()) {
        addTopProducts(small);
        addDistinctCustomers();
        months.forEach((period, partial) -> small.add(Aggregates.sales(period, partial.entries().toRows())));
      }
      if (side == MergeSides.Side.CUSTOMERS) {
        small.add(Aggregates.tally(tally.toRows()));
      }
      return Stream.concat(Stream.concat(productRows(), customerRows()), small.stream()).iterator();
    }

    /** Rows made one at a time, as the cache takes them. */
    private Stream<Row> productRows() {
      if (!scope.products()) {
        return Stream.empty();
      }
      return products.values().stream().flatMap(byProduct -> byProduct.values().stream())
          .map(totals -> Aggregates.product(totals.toRow(catalogue, calendar)));
    }

    private Stream<Row> customerRows() {
      if (!scope.customers()) {
        return Stream.empty();
      }
      long asOfDay = scope.asOfEpochDay();
      return customers.values().stream().filter(CustomerTotals::isCustomer)
          .map(totals -> Aggregates.customer(totals.toRow(emails.get(totals.userId()), asOfDay)));
    }

    private void addTopProducts(List<Row> rows) {
      products.forEach((period, byProduct) -> {
        List<TopProducts.Candidate> candidates = new ArrayList<>(byProduct.size());
        byProduct.values().forEach(totals -> candidates.add(totals.candidate(catalogue)));
        TopProducts.first(candidates).forEach(candidate -> rows.add(Aggregates.topProduct(period, candidate.toRow())));
      });
    }

    /** Each user is in this task only, so its count per month adds up across tasks to distinct customers. */
    private void addDistinctCustomers() {
      Map<String, Long> perMonth = new HashMap<>();
      customers.values().forEach(totals -> totals.forEachSalesPeriod(p -> perMonth.merge(p, 1L, Long::sum)));
      perMonth.forEach((period, count) -> months.computeIfAbsent(period, p -> new SalesPartial()).addCustomers(count));
    }
  }
}
