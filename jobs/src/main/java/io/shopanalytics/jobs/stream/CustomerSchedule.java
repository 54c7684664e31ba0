package io.shopanalytics.jobs.stream;

import io.shopanalytics.common.time.AsOf;
import java.time.Duration;
import java.time.Instant;

/**
 * When the stream recomputes customer analytics: whole (every customer's scores depend on every
 * other's through the quintile cut points), when they may have changed since the last time, and
 * at most once per {@code every}. A new as-of day (the default as-of moves on at midnight) means
 * they have changed. At start nothing is known of the last time, so the first one is due at once.
 */
final class CustomerSchedule {
  private final Duration every;
  private boolean pending = true;
  private Instant lastComputed;
  private AsOf lastAsOf;

  CustomerSchedule(Duration every) {
    this.every = every;
  }

  /** Sales up to the as-of day changed. */
  synchronized void changed() {
    pending = true;
  }

  /** Whether a recomputation as of {@code asOf} is due at {@code now}. */
  synchronized boolean due(Instant now, AsOf asOf) {
    if (!asOf.equals(lastAsOf)) {
      pending = true;
    }
    return pending && (lastComputed == null || !now.isBefore(lastComputed.plus(every)));
  }

  /** Customers were recomputed from a read that began at {@code readFrom}: changes after it are pending again. */
  synchronized void computed(Instant readFrom, AsOf asOf) {
    pending = false;
    lastComputed = readFrom;
    lastAsOf = asOf;
  }

  synchronized boolean pending() {
    return pending;
  }
}
