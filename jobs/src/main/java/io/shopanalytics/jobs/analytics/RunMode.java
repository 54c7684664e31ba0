package io.shopanalytics.jobs.analytics;

import java.util.Locale;

/**
 * How a run finds its months and whether it marks what it read as processed (docs/CONTRACT.md,
 * incremental runs): a full run recomputes the months it is given and leaves the flags alone; an
 * incremental run finds the months holding unprocessed orders; a stream micro-batch is given the
 * months its changes touched. Both of the latter mark the orders they read.
 */
public enum RunMode {
  FULL,
  INCREMENTAL,
  STREAM;

  /** The months come from the {@code analytics_processed} index rather than from the request. */
  public boolean findsDirtyMonths() {
    return this == INCREMENTAL;
  }

  /** Once every write has succeeded, the orders read are marked {@code analytics_processed}. */
  public boolean marksProcessed() {
    return this != FULL;
  }

  /** The summary's {@code mode}: full, incremental or stream. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
