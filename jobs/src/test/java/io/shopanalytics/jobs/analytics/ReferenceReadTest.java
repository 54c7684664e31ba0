package io.shopanalytics.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.shopanalytics.common.source.OrdersSource;
import io.shopanalytics.common.source.ReadMetrics;
import io.shopanalytics.common.source.ReadPlan;
import io.shopanalytics.jobs.testdata.RandomShopData;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The products and users read beside the orders' plan: released however the run ends, failures reported. */
class ReferenceReadTest extends AnalyticsTestBase {
  private Set<Integer> cachedBefore;

  @BeforeEach
  void shop() {
    RandomShopData.ShopData shop = RandomShopData.generate(7, 20, 10, 200);
    insert(shop.orders(), shop.products(), shop.users());
    cachedBefore = cachedRdds();
  }

  private static Set<Integer> cachedRdds() {
    return Set.copyOf(scala.collection.JavaConverters.mapAsJavaMap(spark.sparkContext().getPersistentRDDs())
        .keySet().stream().map(id -> (Integer) id).toList());
  }

  private static boolean readThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.getName().equals(ReferenceRead.THREAD_NAME) && thread.isAlive());
  }

  @Test
  void aRunReadsItsReferencesAndReleasesThem() throws Exception {
    assertThat(runAll(RandomShopData.PERIODS, RandomShopData.AS_OF).get("status")).isEqualTo("succeeded");
    Set<Object> userEmails = new java.util.HashSet<>();
    db().getCollection("users").find().forEach(user -> userEmails.add(user.get("email")));
    List<Object> customerEmails = storedCustomers().stream().map(customer -> customer.get("email"))
        .filter(java.util.Objects::nonNull).toList();
    assertThat(customerEmails).as("the users' emails reached the customers").isNotEmpty();
    assertThat(userEmails).containsAll(customerEmails);
    assertThat(cachedRdds()).isEqualTo(cachedBefore);
    assertThat(readThreadAlive()).isFalse();
  }

  @Test
  void aFailedPlanIsTheRunsFailureAndTheReferenceReadStopsAndIsReleased() {
    OrdersSource unplannable = new OrdersSource() {
      @Override
      public ReadPlan plan() {
        throw new IllegalStateException("injected plan failure");
      }

      @Override
      public Dataset<Row> read(SparkSession session) {
        throw new AssertionError("never read without a plan");
      }

      @Override
      public ReadMetrics metrics() {
        return null;
      }
    };
    AnalyticsSuite suite = new AnalyticsSuite(spark, Clock.systemUTC(), (request, scope) -> unplannable);

    assertThatThrownBy(() -> suite.execute(request(RandomShopData.PERIODS, RandomShopData.AS_OF).build()))
        .hasMessage("injected plan failure");
    assertThat(readThreadAlive()).isFalse();
    assertThat(cachedRdds()).isEqualTo(cachedBefore);
  }

  @Test
  void aFailedReferenceReadIsReportedByAwait() throws Exception {
    try (ReferenceRead read = ReferenceRead.start(spark, () -> {
      throw new IllegalArgumentException("injected reference failure");
    })) {
      assertThatThrownBy(read::await).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("injected reference failure");
    }
    assertThat(readThreadAlive()).isFalse();
  }

  @Test
  void closingStopsAReadStillRunning() {
    CountDownLatch never = new CountDownLatch(1);
    ReferenceRead read = ReferenceRead.start(spark, () -> {
      never.await();
      return null;
    });
    assertTimeoutPreemptively(Duration.ofSeconds(30), read::close);
    assertThat(readThreadAlive()).isFalse();
  }
}
