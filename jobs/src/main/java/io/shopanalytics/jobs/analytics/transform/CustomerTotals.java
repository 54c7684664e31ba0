package io.shopanalytics.jobs.analytics.transform;

import io.shopanalytics.common.money.Cents;
import io.shopanalytics.common.money.HalfEven;
import io.shopanalytics.common.money.MoneySum;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private final Map<String, Entries.Totals> methods = new HashMap<>();
  private final Map<String, MoneySum> categories = new HashMap<>();
  private final Set<String> salesPeriods = new HashSet<>();

  CustomerTotals(String userId) {
    this.userId = userId;
  }

  void add(Row sale) {
    String period = sale.getString(Contribution.PERIOD);
    if (period != null) {
      salesPeriods.add(period);
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
    Entries.Totals method = methods.computeIfAbsent(sale.getString(Contribution.TEXT), m -> new Entries.Totals());
    method.count++;
    method.amount.add(revenue);
    for (Object element : RowArrays.list(sale, Contribution.ENTRIES)) {
      Row category = (Row) element;
      categories.computeIfAbsent(category.getString(1), c -> new MoneySum())
          .add(MoneySum.of(category.getLong(3), category.getDecimal(4)));
    }
  }

  String userId() {
    return userId;
  }

  /** Whether the user has a sale up to the as-of day, and so a row of customer analytics. */
  boolean isCustomer() {
    return orders > 0;
  }

  Set<String> salesPeriods() {
    return salesPeriods;
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
    categories.forEach((name, amount) -> ranked.add(new Ranked(name, 0, Cents.of(amount))));
    return TopN.of(ranked, Ranked.BY_AMOUNT, FAVORITE_CATEGORIES).stream().map(Ranked::name).toArray();
  }

  /** By orders, then by stored revenue of those orders, then name. */
  private String preferredMethod() {
    List<Ranked> ranked = new ArrayList<>(methods.size());
    methods.forEach((name, totals) -> ranked.add(new Ranked(name, totals.count, Cents.of(totals.amount))));
    return TopN.of(ranked, Ranked.BY_ORDERS, 1).get(0).name();
  }

  private record Ranked(String name, long orders, Cents amount) {
    static final Comparator<Ranked> BY_AMOUNT = Comparator.comparing(Ranked::amount).reversed()
        .thenComparing(Ranked::name, TextOrder.ASCENDING);
    static final Comparator<Ranked> BY_ORDERS = Comparator.comparingLong(Ranked::orders).reversed()
        .thenComparing(BY_AMOUNT);
  }
}
