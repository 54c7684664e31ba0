package io.shopanalytics.jobs.load;

import io.shopanalytics.common.config.ConfigException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What the loader generates. The documents are a pure function of this spec: the same spec gives
 * the same documents, ObjectIds included, on any day and on any machine.
 *
 * @param from first day (UTC) an order may be created on
 * @param to last day (UTC) an order may be created on, inclusive
 */
public record LoadSpec(int users, int products, int orders, LocalDate from, LocalDate to, long seed) {
  public LoadSpec {
    requirePositive("--users", users);
    requirePositive("--products", products);
    requirePositive("--orders", orders);
    Objects.requireNonNull(from, "--from");
    Objects.requireNonNull(to, "--to");
    if (from.isAfter(to)) {
      throw new ConfigException("--from " + from + " is after --to " + to);
    }
  }

  private static void requirePositive(String option, int value) {
    if (value < 1) {
      throw new ConfigException(option + " must be at least 1, got " + value);
    }
  }

  /** Start of the order window (inclusive). */
  public Instant windowStart() {
    return from.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * End of the order window (exclusive): the "now" of the generated store. Order lifecycles stop
   * here, so an order created on the last evening is still pending or processing.
   */
  public Instant windowEnd() {
    return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public long totalDocuments() {
    return (long) users + products + orders;
  }
}
