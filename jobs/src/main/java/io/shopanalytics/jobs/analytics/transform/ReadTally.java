package io.shopanalytics.jobs.analytics.transform;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Orders read, sale orders among them, and rejects by reason (docs/CONTRACT.md, 2 and 3). */
public final class ReadTally {
  private static final byte READ = 0;
  private static final byte SALE = 1;
  private static final byte REJECT = 2;

  private final Entries entries = new Entries();

  void read() {
    entries.get(READ, null).count++;
  }

  void sale() {
    entries.get(SALE, null).count++;
  }

  void reject(String reason) {
    entries.get(REJECT, reason).count++;
  }

  /** Adds rows of {@link Entries#SCHEMA} of another tally. */
  void addAll(List<?> rows) {
    entries.addAll(rows);
  }

  Object[] toRows() {
    return entries.toRows();
  }

  public long ordersRead() {
    return entries.get(READ, null).count;
  }

  public long salesCounted() {
    return entries.get(SALE, null).count;
  }

  /** Rejects by reason, in reason order. */
  public Map<String, Long> rejects() {
    Map<String, Long> rejects = new TreeMap<>();
    entries.forEach(REJECT, (reason, totals) -> rejects.put(reason, totals.count));
    return Collections.unmodifiableMap(rejects);
  }

  public long rejectsTotal() {
    return rejects().values().stream().mapToLong(Long::longValue).sum();
  }
}
