package io.shopanalytics.jobs.analytics.transform;

import io.shopanalytics.common.money.MoneySum;
import java.util.List;

/**
 * Sales totals of one month as far as some tasks have seen them (docs/CONTRACT.md, 9.
 * sales_analytics): orders and revenue, per day, per payment method, per category, and distinct
 * customers. Partials of one month add up, wherever they meet, to the month's totals.
 */
final class SalesPartial {
  static final byte TOTAL = 0;
  static final byte DAY = 1;
  static final byte CATEGORY = 2;
  static final byte METHOD = 3;
  /** Distinct customers, counted by the tasks that hold each customer's orders. */
  static final byte CUSTOMERS = 4;

  private final Entries entries = new Entries();

  /**
   * @param categories the order's categories, each with one order and its lines' revenue
   */
  void addOrder(MoneySum revenue, String date, String method, Entries categories) {
    add(entries.get(TOTAL, null), revenue);
    add(entries.get(DAY, date), revenue);
    add(entries.get(METHOD, method), revenue);
    entries.addAll(categories);
  }

  void addCustomers(long customers) {
    entries.get(CUSTOMERS, null).count += customers;
  }

  /** Adds rows of {@link Entries#SCHEMA} of another partial of the same month. */
  void addAll(List<?> rows) {
    entries.addAll(rows);
  }

  Entries entries() {
    return entries;
  }

  private static void add(Entries.Totals totals, MoneySum revenue) {
    totals.count++;
    totals.amount.add(revenue);
  }
}
