package io.shopanalytics.bench;

import com.mongodb.ReadPreference;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.shopanalytics.common.time.Period;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Watches one month's {@code sales_analytics.totals.total_orders}, as a dashboard polling it would,
 * and keeps when each new count was first seen: the k-th order placed is counted from the first
 * moment the month holds {@code base + k} orders.
 */
final class CountWatch implements AutoCloseable {
  private record Seen(long count, Instant at) {}

  private final MongoCollection<Document> sales;
  private final Period month;
  private final Clock clock;
  private final long pollMillis;
  private final List<Seen> seen = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  CountWatch(MongoCollection<Document> sales, Period month, Clock clock, long pollMillis) {
    this.sales = sales.withReadPreference(ReadPreference.primary());
    this.month = month;
    this.clock = clock;
    this.pollMillis = pollMillis;
    record(count());
    this.thread = new Thread(this::poll, "count-watch");
    thread.setDaemon(true);
    thread.start();
  }

  long count() {
    Document stored = sales.find(Filters.eq("period", month.id())).first();
    if (stored == null) {
      return 0;
    }
    return ((Number) stored.get("totals", Document.class).get("total_orders")).longValue();
  }

  private synchronized void record(long count) {
    if (seen.isEmpty() || count != seen.get(seen.size() - 1).count()) {
      seen.add(new Seen(count, clock.instant()));
    }
  }

  private void poll() {
    while (running) {
      record(count());
      try {
        Thread.sleep(pollMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** When the month first held at least {@code count} orders, or null if not yet. */
  synchronized Instant reached(long count) {
    for (Seen entry : seen) {
      if (entry.count() >= count) {
        return entry.at();
      }
    }
    return null;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
  }
}
