package io.shopanalytics.jobs.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.shopanalytics.common.testing.EmbeddedMongo;
import io.shopanalytics.common.testing.EmbeddedServerTest;
import io.shopanalytics.common.testing.SparkTestBase;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.testdata.RandomShopData;
import io.shopanalytics.jobs.testdata.RandomShopData.ShopData;
import io.shopanalytics.jobs.testdata.ShopApplication;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopanalytics.devserver.DevMongoServer;
import io.shopanalytics.jobs.cli.ShopAnalytics;
import io.shopanalytics.jobs.testing.CommandRun;
import io.shopanalytics.common.lease.Lease;
import io.shopanalytics.common.lease.LeaseStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream beside the shop's application on the embedded server: once it is idle, all three
 * collections equal a full recomputation, field by field (docs/ARCHITECTURE.md, 10. The stream job).
 */
@EmbeddedServerTest
class StreamTest extends SparkTestBase {
  static final List<Period> MONTHS = Period.range(Period.of(2024, 6), Period.of(2025, 1));
  static final AsOf AS_OF = RandomShopData.AS_OF;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddedMongo mongo;

  @TempDir
  Path checkpoint;

  @BeforeAll
  static void startMongo() {
    mongo = EmbeddedMongo.start();
  }

  @AfterAll
  static void stopMongo() {
    mongo.close();
  }

  static ShopData seed(EmbeddedMongo server, long seed) {
    return RandomShopData.generate(seed, 60, 50, 600).insertInto(server.database());
  }

  static StreamChecks checks(EmbeddedMongo server) {
    return new StreamChecks(spark, server.settings().build(), server.database(), MONTHS, AS_OF);
  }

  /** The application's changes, across months, in the order an application might make them. */
  static ShopApplication change(EmbeddedMongo server, long seed) {
    ShopApplication app = new ShopApplication(server.database(), seed);
    app.insert(12, Period.of(2024, 12), AS_OF.endExclusive());
    app.insert(5, Period.of(2024, 11), AS_OF.endExclusive());
    app.cancel(4, Period.of(2024, 11));
    app.correctQuantities(4, Period.of(2024, 10));
    app.delete(Period.of(2024, 9));
    app.move(Period.of(2024, 10), Period.of(2024, 7));
    app.insert(3, Period.of(2024, 12), AS_OF.endExclusive());
    return app;
  }

  @Test
  void keepsTheThreeCollectionsEqualToAFullRecomputation() throws Exception {
    mongo.clear();
    seed(mongo, 301);
    StreamChecks checks = checks(mongo);
    checks.fullBatch();

    ShopApplication app;
    try (StreamRunner stream = new StreamRunner(spark, checks.request(checkpoint))) {
      JsonNode listening = stream.await("listening", line -> true, Duration.ofMinutes(2));
      assertThat(listening.get("resume").asText()).isEqualTo("new stream: from now");
      assertThat(listening.get("pre_images").asText()).isEqualTo("disabled");
      app = change(mongo, 7);
      stream.awaitIdle(Duration.ofSeconds(4), Duration.ofMinutes(4));
      assertThat(stream.stop(Duration.ofMinutes(2))).isNull();

      List<JsonNode> batches = stream.lines("batch");
      assertThat(batches.stream().mapToLong(batch -> batch.get("changes").asLong()).sum())
          .as("every change of the application, and the marking of what the batches read")
          .isGreaterThanOrEqualTo(30);
      assertThat(batches).anySatisfy(batch -> assertThat(batch.get("customers").asText()).isEqualTo("recomputed"));
      assertThat(stream.lines("stopped")).hasSize(1);
    }
    checks.assertEqualsAFullRecomputation();
    assertThat(mongo.database().getCollection("orders").countDocuments(Filters.and(
        Filters.in("_id", app.touched()), Filters.ne("analytics_processed", true))))
        .as("the changed orders are marked processed").isZero();
    Document record = mongo.database().getCollection("analytics_runs").find(Filters.eq("job", "stream")).first();
    assertThat(record.getString("status")).isEqualTo("stopped");
    assertThat(record.get("batches", Number.class).longValue()).isPositive();
  }

  /**
   * A long run holds the customer snapshot (a nightly backfill): the stream's batch is busy once,
   * then recomputes its months without the customers, which stay pending until the lease is free.
   */
  @Test
  void aRunHoldingTheCustomerSnapshotHoldsBackOnlyTheCustomers() throws Exception {
    mongo.clear();
    seed(mongo, 303);
    StreamChecks checks = checks(mongo);
    checks.fullBatch();
    LeaseStore leases = new LeaseStore(mongo.settings().build());
    StreamRequest request = checks.request(checkpoint);
    StreamRequest shortWait = new StreamRequest(request.mongo(), request.read(),
        request.leases().withLockWait(Duration.ofSeconds(1)), request.stream(), request.checkpoint(), AS_OF);
    try (StreamRunner stream = new StreamRunner(spark, shortWait)) {
      stream.await("batch", batch -> batch.get("customers").asText().equals("recomputed"), Duration.ofMinutes(2));
      Lease held = leases.tryAcquire("customer_analytics", "backfill-under-test", Instant.now(), Duration.ofMinutes(10))
          .orElseThrow();
      new ShopApplication(mongo.database(), 3).insert(4, Period.of(2024, 11), AS_OF.endExclusive());

      stream.await("busy", busy -> busy.get("reason").asText().contains("backfill-under-test"), Duration.ofMinutes(2));
      JsonNode months = stream.await("batch", batch -> batch.get("months").toString().contains("2024-11"),
          Duration.ofMinutes(2));
      assertThat(months.get("customers").asText()).isEqualTo("pending");

      leases.release(held, Instant.now());
      stream.await("batch", batch -> batch.get("batch_id").asLong() > months.get("batch_id").asLong()
          && batch.get("customers").asText().equals("recomputed"), Duration.ofMinutes(2));
      stream.awaitIdle(Duration.ofSeconds(3), Duration.ofMinutes(3));
      assertThat(stream.stop(Duration.ofMinutes(2))).isNull();
    }
    checks.assertEqualsAFullRecomputation();
  }

  @Test
  void aResumePointThatLeftTheOplogStopsTheStreamNamingTheMonthsToRecompute() throws Exception {
    try (EmbeddedMongo small = EmbeddedMongo.start(DevMongoServer.OplogSettings.keeping(300))) {
      seed(small, 302);
      StreamChecks checks = checks(small);
      checks.fullBatch();
      ShopApplication app = new ShopApplication(small.database(), 11);
      try (StreamRunner stream = new StreamRunner(spark, checks.request(checkpoint))) {
        stream.await("listening", line -> true, Duration.ofMinutes(2));
        app.insert(1, Period.of(2024, 12), AS_OF.endExclusive());
        stream.await("batch", batch -> batch.get("changes").asLong() > 0, Duration.ofMinutes(2));
        stream.awaitIdle(Duration.ofSeconds(3), Duration.ofMinutes(3));
        assertThat(stream.stop(Duration.ofMinutes(2))).isNull();
      }
      // while it is down, more changes than the oplog keeps
      app.cancel(3, Period.of(2024, 11));
      app.insert(400, Period.of(2024, 10), AS_OF.endExclusive());

      CommandRun restarted = CommandRun.of("stream", "--uri", small.uri(), "--checkpoint", checkpoint.toString(),
          "--trigger-seconds", "1", "--as-of", AS_OF.toString());

      assertThat(restarted.exitCode()).as(restarted.toString()).isEqualTo(ShopAnalytics.FAILED);
      JsonNode failed = JSON.readTree(restarted.out().lines().filter(line -> line.contains("\"event\":\"failed\""))
          .findFirst().orElseThrow(() -> new AssertionError(restarted.toString())));
      assertThat(failed.get("error").asText())
          .contains("ChangeStreamHistoryLost")
          .contains("Months holding orders updated since then: 2024-10, 2024-11")
          .contains("orders deleted since then leave no trace")
          .contains("start the stream with a new --checkpoint")
          .contains("submit/spark-submit.sh all --mode full --from 2024-10 --to 2024-11");
      assertThat(restarted.err()).contains("ERROR: stream failed: ").contains("ChangeStreamHistoryLost");
      assertThat(small.database().getCollection("analytics_runs").find(Filters.eq("job", "stream"))
          .sort(Sorts.descending("started_at")).first().getString("status")).isEqualTo("failed");
    }
  }
}
