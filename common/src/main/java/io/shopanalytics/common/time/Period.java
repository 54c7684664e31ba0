package io.shopanalytics.common.time;

import java.io.Serializable;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A calendar month in UTC, written {@code YYYY-MM}. An order belongs to it when
 * {@code start() <= created_at < nextStart()}.
 */
public final class Period implements Comparable<Period>, Serializable {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM");

  private final YearMonth month;

  private Period(YearMonth month) {
    this.month = month;
  }

  public static Period of(int year, int month) {
    return new Period(YearMonth.of(year, month));
  }

  public static Period of(YearMonth month) {
    return new Period(month);
  }

  /** Parses {@code YYYY-MM}; the message names what was given so that a CLI error is self-explaining. */
  public static Period parse(String text) {
    if (text == null || !text.matches("\\d{4}-\\d{2}")) {
      throw new IllegalArgumentException("Invalid period '" + text + "': expected YYYY-MM, e.g. 2024-11");
    }
    try {
      return new Period(YearMonth.parse(text, FORMAT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Invalid period '" + text + "': expected YYYY-MM, e.g. 2024-11", e);
    }
  }

  /** The period that contains {@code instant} (UTC). */
  public static Period containing(Instant instant) {
    return new Period(YearMonth.from(instant.atZone(ZoneOffset.UTC)));
  }

  /** Every month from {@code from} to {@code to}, both included. */
  public static List<Period> range(Period from, Period to) {
    if (from.compareTo(to) > 0) {
      throw new IllegalArgumentException("Invalid period range: --from " + from + " is after --to " + to);
    }
    List<Period> periods = new ArrayList<>();
    for (Period p = from; p.compareTo(to) <= 0; p = p.next()) {
      periods.add(p);
    }
    return periods;
  }

  public Period next() {
    return new Period(month.plusMonths(1));
  }

  public YearMonth yearMonth() {
    return month;
  }

  public Instant start() {
    return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public Instant nextStart() {
    return next().start();
  }

  /** The stored {@code period_end}: the last second of the month, as in the schema design. */
  public Instant storedEnd() {
    return nextStart().minusSeconds(1);
  }

  public String id() {
    return month.format(FORMAT);
  }

  @Override
  public int compareTo(Period other) {
    return month.compareTo(other.month);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Period && ((Period) o).month.equals(month);
  }

  @Override
  public int hashCode() {
    return month.hashCode();
  }

  @Override
  public String toString() {
    return id();
  }
}
