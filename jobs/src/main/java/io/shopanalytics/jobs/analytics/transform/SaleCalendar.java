package io.shopanalytics.jobs.analytics.transform;

import io.shopanalytics.common.time.Period;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * UTC days and months of sales (docs/CONTRACT.md, 5. Time and periods), by epoch day. A task meets a
 * few hundred distinct days among millions of orders, so each day's strings are made once per task.
 */
final class SaleCalendar {
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private final Map<Long, String> dates = new HashMap<>();
  private final Map<Long, String> periods = new HashMap<>();
  private final Map<String, Timestamp[]> bounds = new HashMap<>();

  static long epochDay(long millis) {
    return Math.floorDiv(millis, MILLIS_PER_DAY);
  }

  /** {@code YYYY-MM-DD}. */
  String date(long epochDay) {
    return dates.computeIfAbsent(epochDay, day -> LocalDate.ofEpochDay(day).toString());
  }

  /** {@code YYYY-MM}, or null for a day outside years 0 to 9999 (no period of a run holds it). */
  String period(long epochDay) {
    return periods.computeIfAbsent(epochDay, day -> {
      LocalDate date = LocalDate.ofEpochDay(day);
      return date.getYear() < 0 || date.getYear() > 9999 ? null : Period.of(date.getYear(), date.getMonthValue()).id();
    });
  }

  /** The stored {@code period_start}. */
  Timestamp periodStart(String periodId) {
    return bounds(periodId)[0];
  }

  /** The stored {@code period_end}: the month's last second. */
  Timestamp periodEnd(String periodId) {
    return bounds(periodId)[1];
  }

  private Timestamp[] bounds(String periodId) {
    return bounds.computeIfAbsent(periodId, id -> {
      Period period = Period.parse(id);
      return new Timestamp[] {Timestamp.from(period.start()), Timestamp.from(period.storedEnd())};
    });
  }
}
