package io.shopanalytics.jobs.analytics.transform;

import io.shopanalytics.common.money.Cents;
import io.shopanalytics.common.money.HalfEven;
import io.shopanalytics.common.money.MoneySum;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code sales_analytics} rows (docs/CONTRACT.md, 9) from the months' partial totals and top
 * product candidates. These are a few hundred small rows per month whatever the shop's size (its
 * days, categories, methods, and at most a hundred products per task), so they meet on the driver.
 */
final class SalesRows {
  private static final StructType CATEGORY = OutputSchemas.elementOf(OutputSchemas.SALES, "by_category");
  private static final StructType METHOD = OutputSchemas.elementOf(OutputSchemas.SALES, "by_payment_method");

  private final Map<String, SalesPartial> months = new TreeMap<>();
  private final Map<String, List<TopProducts.Candidate>> candidates = new TreeMap<>();

  /** Adds a row of {@link Aggregates#SALES_PARTIAL}. */
  void addPartial(Row partial) {
    months.computeIfAbsent(partial.getString(0), p -> new SalesPartial()).addAll(RowArrays.list(partial, 1));
  }

  /** Adds a row of {@link Aggregates#TOP_PRODUCT_OF_PERIOD}. */
  void addTopProduct(Row topProduct) {
    candidates.computeIfAbsent(topProduct.getString(0), p -> new ArrayList<>())
        .add(TopProducts.Candidate.of(topProduct.getStruct(1)));
  }

  /** One row per month with at least one sale, in {@link OutputSchemas#SALES}. */
  List<Row> rows() {
    SaleCalendar calendar = new SaleCalendar();
    List<Row> rows = new ArrayList<>();
    months.forEach((period, partial) -> {
      Entries entries = partial.entries();
      Entries.Totals total = entries.get(SalesPartial.TOTAL, null);
      if (total.count == 0) {
        return;
      }
      Row totals = new GenericRowWithSchema(new Object[] {total.count, HalfEven.cents(total.amount),
          entries.get(SalesPartial.CUSTOMERS, null).count, HalfEven.average(total.amount, total.count)},
          OutputSchemas.SALES_TOTALS);
      rows.add(new GenericRowWithSchema(new Object[] {period, calendar.periodStart(period), calendar.periodEnd(period),
          totals, shares(entries, SalesPartial.CATEGORY, total.amount, CATEGORY),
          shares(entries, SalesPartial.METHOD, total.amount, METHOD), topProducts(period), daily(entries)},
          OutputSchemas.SALES));
    });
    return rows;
  }

  /** By stored revenue descending, then name; each with its share of the month's exact revenue. */
  private static Object[] shares(Entries entries, byte group, MoneySum monthRevenue, StructType shape) {
    List<Share> shares = new ArrayList<>();
    entries.forEach(group, (name, totals) -> shares.add(new Share(name, totals.count, totals.amount,
        Cents.of(totals.amount))));
    shares.sort(Share.ORDER);
    return shares.stream().map(share -> new GenericRowWithSchema(new Object[] {share.name, share.orders,
        share.stored.toDecimal(), HalfEven.percentage(share.exact, monthRevenue)}, shape)).toArray();
  }

  private Object[] topProducts(String period) {
    return TopProducts.first(candidates.getOrDefault(period, List.of())).stream()
        .map(TopProducts.Candidate::toRow).toArray();
  }

  /** Ascending by date. */
  private static Object[] daily(Entries entries) {
    Map<String, Entries.Totals> days = new TreeMap<>();
    entries.forEach(SalesPartial.DAY, days::put);
    List<Object> trend = new ArrayList<>(days.size());
    days.forEach((date, totals) -> trend.add(new GenericRowWithSchema(new Object[] {date, totals.count,
        HalfEven.cents(totals.amount)}, OutputSchemas.DAY_TREND)));
    return trend.toArray();
  }

  private record Share(String name, long orders, MoneySum exact, Cents stored) {
    static final Comparator<Share> ORDER = Comparator.comparing(Share::stored).reversed()
        .thenComparing(Share::name, TextOrder.ASCENDING);
  }
}
