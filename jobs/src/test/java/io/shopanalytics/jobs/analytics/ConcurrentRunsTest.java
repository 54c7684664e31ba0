package io.shopanalytics.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.config.LeaseSettings;
import io.shopanalytics.common.run.RunSummary;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.testdata.RandomShopData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  @Test
  void aStaggeredRunOfTheSameMonthsWaitsAndOneThatCannotWaitIsBusyThenSucceedsWhenRunAgain() throws Exception {
    RunRequest.Builder impatient = november().leases(LeaseSettings.defaults().withLockWait(Duration.ZERO));
    List<RunSummary> summaries = together(1500, List.of(range(), range(), impatient));

    assertThat(summaries.get(0).get("status")).isEqualTo("succeeded");
    assertThat(summaries.get(1).get("status")).as("waited for the first").isEqualTo("succeeded");
    RunSummary busy = summaries.get(2);
    assertThat(busy.get("status")).isEqualTo("busy");
    assertThat((String) busy.get("error")).contains("Another run holds").contains("retry later");
    assertThat(analytics()).isEqualTo(serial);

    assertThat(run(november()).get("status")).isEqualTo("succeeded");
    assertThat(analytics()).isEqualTo(serial);
    Document busyRecord = db().getCollection("analytics_runs").find(new Document("_id", busy.get("run_id"))).first();
    assertThat(busyRecord).containsEntry("status", "busy").containsEntry("orders_read", 0L);
    assertThat(busyRecord.getDate("finished_at")).isNotNull();
    assertThat(db().getCollection("analytics_runs").countDocuments()).isEqualTo(4);
  }
}
