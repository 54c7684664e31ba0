package io.shopanalytics.jobs.analytics.transform;

import io.shopanalytics.common.money.Cents;
import io.shopanalytics.common.money.HalfEven;
import io.shopanalytics.common.money.MoneySum;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;

/**
 * One user's sales, added up from their {@link Contribution#CUSTOMER_SALE}s: the lifetime values and
 * behaviour of {@code customer_analytics} up to the as-of day (docs/CONTRACT.md, 10), and the run's
 * months the user bought in, for the months' distinct customers (9).
 */
final class CustomerTotals {
  static final int FAVORITE_CATEGORIES = 2;

  private final String userId;
  private long orders;
  private final MoneySum spent = new MoneySum();
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;
  private long items;
  private long returned;
  private final NamedTotals methods = new NamedTotals();
  private final NamedTotals categories = new NamedTotals();
  /** Distinct, the first {@link #periodCount} of them; a customer buys in few months of a run. */
  private String[] salesPeriods = new String[2];
  private int periodCount;

  CustomerTotals(String userId) {
    this.userId = userId;
  }

  /** @param names where the names this state keeps (months, methods, categories) are shared */
  void add(Row sale, CanonicalNames names) {
    String period = sale.getString(Contribution.PERIOD);
    if (period != null) {
      addPeriod(names.of(period));
    }
    if (!sale.getBoolean(Contribution.FOR_CUSTOMERS)) {
      return;
    }
    MoneySum revenue = MoneySum.of(sale.getLong(Contribution.UNITS), sale.getDecimal(Contribution.BEYOND_UNITS));
    long createdAt = sale.getLong(Contribution.CREATED_AT);
    orders++;
    spent.add(revenue);
    first = Math.min(first, createdAt);
    last = Math.max(last, createdAt);
    items += sale.getLong(Contribution.QUANTITY);
    if (sale.getBoolean(Contribution.RETURNED)) {
      returned++;
    }
    methods.add(names.of(sale.getString(Contribution.TEXT)), 1, revenue);
    for (Object element : RowArrays.list(sale, Contribution.ENTRIES)) {
      Row category = (Row) element;
      categories.add(names.of(category.getString(1)), 0, MoneySum.of(category.getLong(3), category.getDecimal(4)));
    }
  }

  private void addPeriod(String period) {
    for (int i = 0; i < periodCount; i++) {
      if (salesPeriods[i].equals(period)) {
        return;
      }
    }
    if (periodCount == salesPeriods.length) {
      salesPeriods = Arrays.copyOf(salesPeriods, periodCount * 2);
    }
    salesPeriods[periodCount++] = period;
  }

  String userId() {
    return userId;
  }

  /** Whether the user has a sale up to the as-of day, and so a row of customer analytics. */
  boolean isCustomer() {
    return orders > 0;
  }

  /** Each month of the run the user bought in, once. */
  void forEachSalesPeriod(Consumer<String> action) {
    for (int i = 0; i < periodCount; i++) {
      action.accept(salesPeriods[i]);
    }
  }

  /** A row of {@link OutputSchemas#CUSTOMER_VALUES}. */
  Row toRow(String email, long asOfEpochDay) {
    long lastDay = SaleCalendar.epochDay(last);
    return new GenericRowWithSchema(new Object[] {userId, email, orders, Cents.of(spent).toDecimal(),
        HalfEven.average(spent, orders), new Timestamp(first), new Timestamp(last),
        (int) (lastDay - SaleCalendar.epochDay(first)), favoriteCategories(), preferredMethod(),
        HalfEven.ratio(items, orders), HalfEven.ratio(returned, orders), (int) -(asOfEpochDay - lastDay)},
        OutputSchemas.CUSTOMER_VALUES);
  }

  /** By stored spend descending, then name. */
  private Object[] favoriteCategories() {
    List<Ranked> ranked = new ArrayList<>(categories.size());
    for (int i = 0; i < categories.size(); i++) {
      ranked.add(new Ranked(categories.name(i), 0, Cents.of(categories.amount(i))));
    }
    return TopN.of(ranked, Ranked.BY_AMOUNT, FAVORITE_CATEGORIES).stream().map(Ranked::name).toArray();
  }

  /** By orders, then by stored revenue of those orders, then name. */
  private String preferredMethod() {
    List<Ranked> ranked = new ArrayList<>(methods.size());
    for (int i = 0; i < methods.size(); i++) {
      ranked.add(new Ranked(methods.name(i), methods.count(i), Cents.of(methods.amount(i))));
    }
    return TopN.of(ranked, Ranked.BY_ORDERS, 1).get(0).name();
  }

  private record Ranked(String name, long orders, Cents amount) {
    static final Comparator<Ranked> BY_AMOUNT = Comparator.comparing(Ranked::amount).reversed()
        .thenComparing(Ranked::name, TextOrder.ASCENDING);
    static final Comparator<Ranked> BY_ORDERS = Comparator.comparingLong(Ranked::orders).reversed()
        .thenComparing(BY_AMOUNT);
  }
}
