package io.shopanalytics.jobs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.shopanalytics.common.config.SettingKeys;
import io.shopanalytics.common.lease.LeaseStore;
import io.shopanalytics.common.sink.AnalyticsIndexes;
import io.shopanalytics.common.testing.EmbeddedMongo;
import io.shopanalytics.common.testing.EmbeddedServerTest;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.oracle.ReferenceAnalytics;
import io.shopanalytics.jobs.oracle.ReferenceResult;
import io.shopanalytics.jobs.testdata.RandomShopData;
import io.shopanalytics.jobs.testdata.RandomShopData.ShopData;
import io.shopanalytics.jobs.testdata.ShopApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream killed with SIGKILL in the middle of a micro-batch (a lost machine, an OOM kill), more
 * orders changed while it is down, then restarted on the same checkpoint: it catches up, and the
 * three collections again equal the full recomputation; SIGTERM then stops it cleanly, exit 0.
 */
@EmbeddedServerTest
class KilledStreamIT {
  private static final List<Period> MONTHS = Period.range(Period.of(2024, 6), Period.of(2025, 1));
  private static final String LEASE = "8s";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddedMongo mongo;
  private static ShopData shop;

  @TempDir
  Path work;

  @BeforeAll
  static void seed() {
    mongo = EmbeddedMongo.start();
    shop = SparkSubmitIT.seededShop(mongo, 401);
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  private Process stream(Path out) throws IOException {
    return SparkSubmitIT.wrapper(Map.of(), "--conf", SettingKeys.LEASE_DURATION + "=" + LEASE, "stream",
            "--uri", mongo.uri(), "--checkpoint", work.resolve("checkpoint").toString(), "--trigger-seconds", "1",
            "--customers-every-seconds", "2", "--as-of", RandomShopData.AS_OF.toString())
        .redirectOutput(out.toFile())
        .redirectError(work.resolve(out.getFileName() + ".err").toFile())
        .start();
  }

  private static List<JsonNode> lines(Path out, String event) {
    try {
      List<JsonNode> lines = new ArrayList<>();
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        if (line.startsWith("{") && line.contains("\"event\":\"" + event + "\"")) {
          lines.add(JSON.readTree(line));
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void await(String what, Process process, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(process.isAlive()).as("the stream ended before " + what).isTrue();
      assertThat(System.nanoTime()).as("not " + what + " within " + timeout).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /** Nothing left to do: no new batch line for {@code quiet}, no batch of this stream running, customers not pending. */
  private static void awaitIdle(Path out, Process process, String streamRunId) throws InterruptedException {
    MongoDatabase database = mongo.database();
    int seen = -1;
    long quietSince = System.nanoTime();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (true) {
      List<JsonNode> batches = lines(out, "batch");
      boolean pending = !batches.isEmpty() && batches.get(batches.size() - 1).get("customers").asText().equals("pending");
      boolean running = database.getCollection(AnalyticsIndexes.RUNS).countDocuments(Filters.and(
          Filters.eq("job", "stream-batch"), Filters.eq("status", "running"),
          Filters.eq("stream.stream_run_id", streamRunId))) > 0;
      if (batches.size() != seen || pending || running) {
        seen = batches.size();
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(8)) {
        return;
      }
      assertThat(process.isAlive()).as("the stream ended while catching up").isTrue();
      assertThat(System.nanoTime()).as("the stream was not idle within 5 minutes").isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  @Test
  void aStreamKilledInTheMiddleOfABatchCatchesUpOnRestart() throws Exception {
    SparkSubmitIT.Run baseline = SparkSubmitIT.submit(Map.of(), "all", "--uri", mongo.uri(), "--from", "2024-06",
        "--to", "2025-01", "--as-of", RandomShopData.AS_OF.toString());
    assertThat(baseline.exitCode()).as(baseline.stderr()).isZero();
    ShopApplication app = new ShopApplication(mongo.database(), 5);

    Path firstOut = work.resolve("first.out");
    Process first = stream(firstOut);
    await("listening", first, Duration.ofMinutes(3), () -> !lines(firstOut, "listening").isEmpty());
    app.insert(6, Period.of(2024, 12), RandomShopData.AS_OF.endExclusive());
    app.cancel(3, Period.of(2024, 11));
    // in the middle of a batch: its run recorded and its leases taken, its writes not all done
    await("a batch holding its leases", first, Duration.ofMinutes(3), () ->
        mongo.database().getCollection(AnalyticsIndexes.RUNS).countDocuments(Filters.and(
            Filters.eq("job", "stream-batch"), Filters.eq("status", "running"))) > 0
            && mongo.database().getCollection(LeaseStore.COLLECTION)
            .countDocuments(Filters.gt("expires_at", new Date())) > 0);
    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(first.exitValue()).isEqualTo(137);

    app.correctQuantities(3, Period.of(2024, 10));
    app.delete(Period.of(2024, 9));
    app.move(Period.of(2024, 11), Period.of(2024, 8));
    app.insert(4, Period.of(2024, 11), RandomShopData.AS_OF.endExclusive());

    Path secondOut = work.resolve("second.out");
    Process second = stream(secondOut);
    await("listening again", second, Duration.ofMinutes(3), () -> !lines(secondOut, "listening").isEmpty());
    JsonNode resumed = lines(secondOut, "listening").get(0);
    assertThat(resumed.get("resume").asText()).startsWith("after change ");
    awaitIdle(secondOut, second, resumed.get("stream_run_id").asText());

    second.destroy(); // SIGTERM
    assertThat(second.waitFor(2, TimeUnit.MINUTES)).as("stopped after SIGTERM").isTrue();
    assertThat(second.exitValue()).as(Files.readString(work.resolve("second.out.err"))).isZero();
    assertThat(lines(secondOut, "stopped")).hasSize(1);

    List<Document> orders = mongo.database().getCollection("orders").find().into(new ArrayList<>());
    ReferenceResult expected = ReferenceAnalytics.compute(orders, shop.products(), shop.users(), MONTHS,
        RandomShopData.AS_OF);
    assertThat(SparkSubmitIT.stored(mongo.database(), "product_analytics", "product_id", "period"))
        .isEqualTo(expected.productAnalytics());
    assertThat(SparkSubmitIT.stored(mongo.database(), "sales_analytics", "period"))
        .isEqualTo(expected.salesAnalytics());
    assertThat(SparkSubmitIT.stored(mongo.database(), "customer_analytics", "user_id"))
        .isEqualTo(expected.customerAnalytics());
    assertThat(mongo.database().getCollection(AnalyticsIndexes.RUNS).find(Filters.eq("job", "stream"))
        .map(record -> record.getString("status")).into(new ArrayList<>())).containsExactlyInAnyOrder("running", "stopped");
  }
}
