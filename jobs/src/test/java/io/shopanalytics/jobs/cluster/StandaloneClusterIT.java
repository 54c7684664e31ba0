package io.shopanalytics.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code all} on a real Spark standalone cluster on 127.0.0.1 (one Master, two Workers, executors in
 * JVMs of their own, started by {@code submit/local-cluster.sh}), submitted in client mode through
 * {@code submit/spark-submit.sh} against the dev server, compared document for document with a
 * {@code local[*]} run of the same command on the same data. A cluster run catches what local mode
 * hides: closures that do not serialize, state kept on the driver, files read from the driver's disk.
 * Then the same with faults: an executor JVM killed mid-run, the dev server stopped mid-write.
 */
@Tag("cluster")
class StandaloneClusterIT {
  private static final long SEED = 20_241_220L;
  private static final int USERS = 1_500;
  private static final int PRODUCTS = 600;
  private static final int ORDERS = 30_000;
  /** Long enough for a busy 2-core machine; only there so that a hanging run fails instead of blocking. */
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);
  private static final List<String> COMPARED_COUNTS = List.of("orders_read", "sales_counted", "rejects_total");
  private static final List<String> ANALYTICS = List.of("product_analytics", "sales_analytics", "customer_analytics");

  private static final StartedProcesses started = new StartedProcesses();
  private static Path work;
  private static DevServerProcess devServer;
  private static LocalClusterScript cluster;
  private static MongoClient client;
  private static SeededShop shop;
  private static AnalyticsSnapshot baseline;
  private static Map<String, Object> baselineSummary;

  @BeforeAll
  static void startServerRunBaselineStartCluster() {
    work = ProjectFiles.freshWorkDirectory("standalone");
    devServer = started.add(DevServerProcess.start(work));
    client = started.add(MongoClients.create(MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(devServer.uri()))
        .applyToClusterSettings(settings -> settings.serverSelectionTimeout(10, TimeUnit.SECONDS))
        .build()));
    shop = SeededShop.generate(SEED, USERS, PRODUCTS, ORDERS);
    shop.insertInto(database("baseline"));

    SubmittedRun local = SubmittedRun.start("baseline-local", work, "local[*]", devServer.uri(),
        AllJobCommand.forDatabase("baseline"));
    assertSucceeded(local);
    baseline = AnalyticsSnapshot.of(database("baseline"));
    baselineSummary = local.summary();
    assertThat(baseline.products()).isNotEmpty();
    assertThat(baseline.sales()).isNotEmpty();
    assertThat(baseline.customers()).isNotEmpty();

    cluster = started.add(LocalClusterScript.start(work));
  }

  @AfterAll
  static void stopEverything() {
    started.stopAll();
  }

  @Test
  void aClusterRunWritesWhatTheLocalRunWrote() {
    SubmittedRun run = submitToCluster("cluster-run", "cluster_run", List.of());

    assertSucceeded(run);
    AnalyticsSnapshot.of(database("cluster_run")).assertEqualTo(baseline);
    assertSameCounts(run.summary());
  }

  @Test
  void anExecutorKilledAfterTheFirstStageLosesAndDoublesNothing() {
    int uiPort = FreePort.find();
    SubmittedRun run = submitToCluster("executor-killed", "executor_killed", List.of("spark.ui.port=" + uiPort));

    KilledExecutor killed = KilledExecutor.afterFirstStage(run, new DriverUi(uiPort), RUN_TIMEOUT);
    System.out.println("executor-killed: " + killed);

    assertSucceeded(run);
    // the driver saw the loss (ERROR line of TaskSchedulerImpl) and retried what ran there
    assertThat(run.stderr()).contains("Lost executor " + killed.executorId() + " on 127.0.0.1");
    AnalyticsSnapshot.of(database("executor_killed")).assertEqualTo(baseline);
    assertSameCounts(run.summary());
  }

  @Test
  void theDevServerStoppedDuringTheWritesFailsTheRunClearlyAndTheSameCommandThenWritesEverything() {
    String name = "server_stopped";
    SubmittedRun run = submitToCluster("server-stopped", name, List.of());
    int exitCode;
    try {
      awaitFirstAnalyticsDocument(run, database(name));
      devServer.stop();
      exitCode = run.awaitExit(RUN_TIMEOUT);
    } finally {
      devServer.start(); // same port, same H2 file: the orders and the partial writes are still there
    }

    assertThat(exitCode).as(run.describe()).isEqualTo(1);
    String error = run.stderr().lines().filter(line -> line.startsWith("ERROR: all failed: ")).findFirst()
        .orElseThrow(() -> new AssertionError("no ERROR line in " + run.describe()));
    assertThat(error).as("the one-line error names the write and the unreachable server")
        .containsPattern("Writing \\d+ documents to " + name + "\\.(product|sales|customer)_analytics failed")
        .contains("127.0.0.1:" + devServer.uri().substring(devServer.uri().lastIndexOf(':') + 1));
    Map<String, Object> summary = run.summary();
    assertThat(summary.get("status")).isEqualTo("failed");
    assertThat((String) summary.get("error")).contains("Writing");

    SubmittedRun rerun = submitToCluster("server-stopped-rerun", name, List.of());
    assertSucceeded(rerun);
    AnalyticsSnapshot.of(database(name)).assertEqualTo(baseline);
  }

  private static SubmittedRun submitToCluster(String runName, String database, List<String> extraConfs) {
    shop.insertInto(database(database));
    return SubmittedRun.start(runName, work, cluster.masterUrl(), devServer.uri(),
        AllJobCommand.forDatabase(database, extraConfs));
  }

  private static MongoDatabase database(String name) {
    return client.getDatabase(name);
  }

  private static void assertSucceeded(SubmittedRun run) {
    assertThat(run.awaitExit(RUN_TIMEOUT)).as(run.describe()).isZero();
    assertThat(run.summary().get("status")).as(run.describe()).isEqualTo("succeeded");
  }

  /** The summary's figures equal the baseline's: no order read twice, no document counted twice. */
  @SuppressWarnings("unchecked")
  private static void assertSameCounts(Map<String, Object> summary) {
    for (String count : COMPARED_COUNTS) {
      assertThat(summary.get(count)).as(count).isEqualTo(baselineSummary.get(count));
    }
    Map<String, Object> collections = (Map<String, Object>) summary.get("collections");
    Map<String, Object> expected = (Map<String, Object>) baselineSummary.get("collections");
    for (String collection : ANALYTICS) {
      assertThat(collections.get(collection)).as(collection + " written/inserted/updated/removed")
          .isEqualTo(expected.get(collection));
    }
  }

  /** The write phase has begun: the first analytics document is stored while the run still runs. */
  private static void awaitFirstAnalyticsDocument(SubmittedRun run, MongoDatabase database) {
    Instant deadline = Instant.now().plus(RUN_TIMEOUT);
    while (ANALYTICS.stream().allMatch(collection -> database.getCollection(collection).find().first() == null)) {
      assertThat(run.alive()).as(run.describe() + " ended before writing").isTrue();
      assertThat(Instant.now()).as("no analytics document within " + RUN_TIMEOUT).isBefore(deadline);
      Pause.briefly();
    }
    assertThat(run.alive()).as(run.describe() + " already ended: the stop would not land mid-write").isTrue();
  }
}
