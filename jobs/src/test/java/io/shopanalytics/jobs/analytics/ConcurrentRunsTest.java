package io.shopanalytics.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.config.LeaseSettings;
import io.shopanalytics.common.lease.Lease;
import io.shopanalytics.common.lease.LeaseStore;
import io.shopanalytics.common.run.RunSummary;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.testdata.RandomShopData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs whose scopes overlap, each in its own thread on the shared session, as an Airflow catch-up
 * beside a manual backfill would be: what they store equals one serial run, and every run either
 * succeeds or is busy and then succeeds when run again.
 */
class ConcurrentRunsTest extends AnalyticsTestBase {
  private static final List<String> ANALYTICS = List.of("product_analytics", "sales_analytics", "customer_analytics");
  private static final Period NOVEMBER = Period.of(2024, 11);

  private Map<String, List<Document>> serial;

  @BeforeEach
  void serialRunOfTheSameShop() throws Exception {
    RandomShopData.ShopData shop = RandomShopData.generate(12, 30, 20, 400);
    insert(shop.orders(), shop.products(), shop.users());
    assertThat(runAll(RandomShopData.PERIODS, RandomShopData.AS_OF).get("status")).isEqualTo("succeeded");
    serial = analytics();
    assertThat(serial.get("product_analytics")).isNotEmpty();
    ANALYTICS.forEach(collection -> db().getCollection(collection).drop());
    db().getCollection("analytics_runs").drop();
  }

  private static Map<String, List<Document>> analytics() {
    return Map.of("product_analytics", storedProducts(), "sales_analytics", storedSales(),
        "customer_analytics", storedCustomers());
  }

  private static RunRequest.Builder range() {
    return request(RandomShopData.PERIODS, RandomShopData.AS_OF);
  }

  private static RunRequest.Builder november() {
    return request(List.of(NOVEMBER), RandomShopData.AS_OF);
  }

  private static RunRequest.Builder customers() {
    return request(List.of(), RandomShopData.AS_OF).outputs(EnumSet.of(AnalyticsOutput.CUSTOMER));
  }

  /** Starts each run in its own thread, {@code staggerMillis} apart, and returns their summaries. */
  private static List<RunSummary> together(long staggerMillis, List<RunRequest.Builder> runs) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(runs.size());
    try {
      List<Future<RunSummary>> started = new ArrayList<>();
      for (RunRequest.Builder request : runs) {
        started.add(threads.submit((Callable<RunSummary>) () -> run(request)));
        Thread.sleep(staggerMillis);
      }
      List<RunSummary> summaries = new ArrayList<>();
      for (Future<RunSummary> summary : started) {
        summaries.add(summary.get());
      }
      return summaries;
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void threeRunsStartedTogetherOverARangeAMonthInsideItAndTheCustomersStoreWhatASerialRunStores() throws Exception {
    List<RunSummary> summaries = together(0, List.of(range(), november(), customers()));

    assertThat(summaries).extracting(summary -> summary.get("status")).containsOnly("succeeded");
    assertThat(analytics()).isEqualTo(serial);
    assertThat(db().getCollection("analytics_runs").find()).extracting(run -> run.get("status"))
        .containsExactlyInAnyOrder("succeeded", "succeeded", "succeeded");
  }

  /**
   * A backfill holds November's product analytics: a run of the whole range waits for it, and one
   * that cannot wait is busy at once (held by the backfill, or by the waiting run, which keeps the
   * scopes it already has: they are taken in one order, so that no two runs deadlock); once the backfill lets go, the waiting
   * run goes on, and the busy one succeeds when run again. The lease is held by hand, so that the
   * test does not depend on how long a run takes.
   */
  @Test
  void aRunOfTheSameMonthsWaitsAndOneThatCannotWaitIsBusyThenSucceedsWhenRunAgain() throws Exception {
    LeaseStore store = new LeaseStore(mongo.settings().build());
    Lease held = store.tryAcquire("product_analytics:" + NOVEMBER.id(), "backfill-under-test", Instant.now(),
        Duration.ofMinutes(10)).orElseThrow();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<RunSummary> waiting = thread.submit(() -> run(range()));
      RunSummary busy = run(november().leases(LeaseSettings.defaults().withLockWait(Duration.ZERO)));
      assertThat(busy.get("status")).isEqualTo("busy");
      assertThat((String) busy.get("error")).contains("Another run holds").contains("retry later");
      assertThat(waiting.isDone()).as("the range run waits for the backfill").isFalse();

      store.release(held, Instant.now());
      assertThat(waiting.get(5, TimeUnit.MINUTES).get("status")).as("waited for the backfill").isEqualTo("succeeded");
      assertThat(analytics()).isEqualTo(serial);

      assertThat(run(november()).get("status")).isEqualTo("succeeded");
      assertThat(analytics()).isEqualTo(serial);
      Document busyRecord = db().getCollection("analytics_runs").find(new Document("_id", busy.get("run_id"))).first();
      assertThat(busyRecord).containsEntry("status", "busy").containsEntry("orders_read", 0L);
      assertThat(busyRecord.getDate("finished_at")).isNotNull();
      assertThat(db().getCollection("analytics_runs").countDocuments()).isEqualTo(3);
    } finally {
      thread.shutdownNow();
    }
  }
}
