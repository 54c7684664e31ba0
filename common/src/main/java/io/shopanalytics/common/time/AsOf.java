package io.shopanalytics.common.time;

import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The UTC day up to which customer analytics count orders: every order with {@code created_at}
 * before the start of the next day counts.
 */
public final class AsOf implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LocalDate date;

  private AsOf(LocalDate date) {
    this.date = date;
  }

  public static AsOf of(LocalDate date) {
    return new AsOf(date);
  }

  public static AsOf parse(String text) {
    try {
      return new AsOf(LocalDate.parse(text));
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("Invalid as-of date '" + text + "': expected YYYY-MM-DD, e.g. 2024-11-30", e);
    }
  }

  /** The default: yesterday in UTC, the last complete day. */
  public static AsOf yesterday(Clock clock) {
    return new AsOf(LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1));
  }

  public LocalDate date() {
    return date;
  }

  /** Start of the as-of day (stored as {@code as_of}). */
  public Instant start() {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Exclusive upper bound of counted {@code created_at}. */
  public Instant endExclusive() {
    return date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AsOf && ((AsOf) o).date.equals(date);
  }

  @Override
  public int hashCode() {
    return date.hashCode();
  }

  @Override
  public String toString() {
    return date.toString();
  }
}
