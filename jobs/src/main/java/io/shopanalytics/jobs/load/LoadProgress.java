package io.shopanalytics.jobs.load;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Counts inserted documents and prints a progress line on stderr at most every two seconds. */
final class LoadProgress {
  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final long total;
  private final PrintWriter err;
  private final long started = System.nanoTime();
  private final AtomicLong inserted = new AtomicLong();
  private final AtomicLong lastPrinted = new AtomicLong(started);

  LoadProgress(long total, PrintWriter err) {
    this.total = total;
    this.err = err;
  }

  void add(String collection, int documents) {
    long done = inserted.addAndGet(documents);
    long now = System.nanoTime();
    long last = lastPrinted.get();
    // one thread wins the slot; the others skip printing rather than wait
    if (now - last >= INTERVAL_NANOS && lastPrinted.compareAndSet(last, now)) {
      double rate = done / seconds(now - started);
      long etaSeconds = rate > 0 ? Math.round((total - done) / rate) : -1;
      err.printf("load: %,d/%,d documents (%d%%), now %s, %,.0f docs/s, ETA %d s%n",
          done, total, done * 100 / total, collection, rate, etaSeconds);
    }
  }

  double elapsedSeconds() {
    return seconds(System.nanoTime() - started);
  }

  private static double seconds(long nanos) {
    return Math.max(1e-9, nanos / 1e9);
  }
}
