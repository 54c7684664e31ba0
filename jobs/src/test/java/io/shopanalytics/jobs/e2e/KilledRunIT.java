package io.shopanalytics.jobs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.shopanalytics.common.config.SettingKeys;
import io.shopanalytics.common.lease.LeaseStore;
import io.shopanalytics.common.sink.AnalyticsIndexes;
import io.shopanalytics.common.testing.EmbeddedMongo;
import io.shopanalytics.common.testing.EmbeddedServerTest;
import io.shopanalytics.jobs.oracle.ReferenceAnalytics;
import io.shopanalytics.jobs.oracle.ReferenceResult;
import io.shopanalytics.jobs.testdata.RandomShopData.ShopData;
import io.shopanalytics.jobs.testdata.RandomShopData;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run killed with SIGKILL while it holds its leases (a lost machine, an OOM kill): its record
 * stays {@code running}, and the next run over the same scopes proceeds once the leases expire and
 * writes everything (docs/ARCHITECTURE.md, 8. Runs under a scheduler).
 */
@EmbeddedServerTest
class KilledRunIT {
  private static final String LEASE = "8s";
  private static EmbeddedMongo mongo;
  private static ShopData shop;

  @BeforeAll
  static void seed() {
    mongo = EmbeddedMongo.start();
    shop = SparkSubmitIT.seededShop(mongo, 202);
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  private static String[] allRun() {
    return new String[] {"--conf", SettingKeys.LEASE_DURATION + "=" + LEASE, "all", "--uri", mongo.uri(),
        "--from", "2024-09", "--to", "2024-12", "--as-of", "2024-12-20", "--lock-wait", "3m"};
  }

  @Test
  void aRunKilledHoldingItsLeasesStaysRunningAndTheNextRunProceedsOnceTheyExpire() throws Exception {
    Process killed = SparkSubmitIT.wrapper(Map.of(), allRun())
        .redirectOutput(Files.createTempFile("killed", ".out").toFile())
        .redirectError(Files.createTempFile("killed", ".err").toFile())
        .start();
    MongoCollection<Document> leases = mongo.database().getCollection(LeaseStore.COLLECTION);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (leases.countDocuments(Filters.gt("expires_at", new Date())) == 0) {
      assertThat(killed.isAlive()).as("the run ended before it took its leases").isTrue();
      assertThat(System.nanoTime()).as("the run took no lease within 3 minutes").isLessThan(deadline);
      Thread.sleep(200);
    }
    // the wrapper execs the driver's JVM: this is SIGKILL to the driver itself, no shutdown hook runs
    killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(killed.exitValue()).isEqualTo(137);
    Document killedRecord = mongo.database().getCollection(AnalyticsIndexes.RUNS).find().first();
    assertThat(killedRecord.getString("status")).isEqualTo("running");
    assertThat(killedRecord.get("finished_at")).isNull();

    long started = System.nanoTime();
    SparkSubmitIT.Run next = SparkSubmitIT.submit(Map.of(), allRun());

    assertThat(next.exitCode()).as(next.stderr()).isZero();
    assertThat(next.summaryLine()).contains("\"status\":\"succeeded\"");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the lease, not the lock wait")
        .isLessThan(Duration.ofMinutes(3));
    List<Document> records = mongo.database().getCollection(AnalyticsIndexes.RUNS).find()
        .sort(Sorts.ascending("started_at")).into(new ArrayList<>());
    assertThat(records).extracting(record -> record.getString("status")).containsExactly("running", "succeeded");
    assertThat(records.get(0).get("_id")).isEqualTo(killedRecord.get("_id"));
    ReferenceResult expected = ReferenceAnalytics.compute(shop.orders(), shop.products(), shop.users(),
        RandomShopData.PERIODS, RandomShopData.AS_OF);
    assertThat(SparkSubmitIT.stored(mongo.database(), "product_analytics", "product_id", "period"))
        .isEqualTo(expected.productAnalytics());
    assertThat(SparkSubmitIT.stored(mongo.database(), "sales_analytics", "period"))
        .isEqualTo(expected.salesAnalytics());
    assertThat(SparkSubmitIT.stored(mongo.database(), "customer_analytics", "user_id"))
        .isEqualTo(expected.customerAnalytics());
  }
}
