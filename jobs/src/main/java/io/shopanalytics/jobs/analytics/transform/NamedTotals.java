package io.shopanalytics.jobs.analytics.transform;

import io.shopanalytics.common.money.MoneySum;
import java.util.Arrays;

/**
 * Counts and exact amounts by name, for the few names one customer has (payment methods,
 * categories). Parallel arrays searched in order: a customer's state lives through the whole merge,
 * and a hash map per customer would make it several times larger for the collector to copy
 * (docs/PERFORMANCE.md, 1).
 */
final class NamedTotals {
  private String[] names = new String[2];
  private long[] counts = new long[2];
  private MoneySum[] amounts = new MoneySum[2];
  private int size;

  void add(String name, long count, MoneySum amount) {
    int at = indexOf(name);
    if (at < 0) {
      at = append(name);
    }
    counts[at] += count;
    amounts[at].add(amount);
  }

  int size() {
    return size;
  }

  String name(int at) {
    return names[at];
  }

  long count(int at) {
    return counts[at];
  }

  MoneySum amount(int at) {
    return amounts[at];
  }

  private int indexOf(String name) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private int append(String name) {
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      counts = Arrays.copyOf(counts, size * 2);
      amounts = Arrays.copyOf(amounts, size * 2);
    }
    names[size] = name;
    amounts[size] = new MoneySum();
    return size++;
  }
}
