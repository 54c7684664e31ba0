package io.shopanalytics.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Everything the cluster tests share, started once per test JVM: the dev server, one generated shop,
 * the baseline (a {@code local[*]} run of the same command on the same data, and its summary), and
 * the standalone cluster. Closed by JUnit at the end of the test run, which stops every process.
 */
final class ClusterFixture implements ExtensionContext.Store.CloseableResource {
  private static final long SEED = 20_241_220L;
  private static final int USERS = 1_500;
  private static final int PRODUCTS = 600;
  private static final int ORDERS = 30_000;
  /** Generous for a busy 2-core machine; only there so that a hanging run fails instead of blocking. */
  static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);
  static final List<String> ANALYTICS = List.of("product_analytics", "sales_analytics", "customer_analytics");
  private static final List<String> COMPARED_COUNTS = List.of("orders_read", "sales_counted", "rejects_total");

  private final StartedProcesses started = new StartedProcesses();
  private final Path work = stopLeftoversAndEmpty(ProjectFiles.workDirectory("cluster-fixture"));
  private DevMongoScript devServer;
  private MongoClient client;
  private SeededShop shop;
  private AnalyticsSnapshot baseline;
  private Map<String, Object> baselineSummary;
  private LocalClusterScript cluster;

  private ClusterFixture() {}

  static ClusterFixture start() {
    ClusterFixture fixture = new ClusterFixture();
    try {
      fixture.startServerRunBaselineStartCluster();
      return fixture;
    } catch (RuntimeException | Error e) {
      fixture.close();
      throw e;
    }
  }

  private void startServerRunBaselineStartCluster() {
    devServer = started.add(DevMongoScript.start(work));
    client = started.add(MongoClients.create(MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(devServer.uri()))
        .applyToClusterSettings(settings -> settings.serverSelectionTimeout(10, TimeUnit.SECONDS))
        .build()));
    shop = SeededShop.generate(SEED, USERS, PRODUCTS, ORDERS);
    seed("baseline");
    SubmittedRun local = SubmittedRun.start("baseline-local", work, "local[*]", devServer.uri(),
        AllJobCommand.forDatabase("baseline"));
    assertSucceeded(local);
    baseline = AnalyticsSnapshot.of(database("baseline"));
    baselineSummary = local.summary();
    assertThat(baseline.products()).as("baseline product_analytics").isNotEmpty();
    assertThat(baseline.sales()).as("baseline sales_analytics").isNotEmpty();
    assertThat(baseline.customers()).as("baseline customer_analytics").isNotEmpty();
    cluster = started.add(LocalClusterScript.start(work));
  }

  private static Path stopLeftoversAndEmpty(Path directory) {
    if (Files.isDirectory(directory)) {
      LocalClusterScript.stopLeftovers(directory);
      DevMongoScript.stopLeftovers(directory);
    }
    return ProjectFiles.emptied(directory);
  }

  DevMongoScript devServer() {
    return devServer;
  }

  /** What the cluster's executors logged so far. */
  String executorLogs() {
    return cluster.executorLogs();
  }

  MongoDatabase database(String name) {
    return client.getDatabase(name);
  }

  /** A database holding the shop's users, products and orders, as the baseline's did. */
  void seed(String database) {
    shop.insertInto(database(database));
  }

  /** The command of the baseline, on the cluster, against {@code database}. */
  SubmittedRun submitToCluster(String runName, String database, List<String> extraConfs) {
    return SubmittedRun.start(runName, work, cluster.masterUrl(), devServer.uri(),
        AllJobCommand.forDatabase(database, extraConfs));
  }

  static void assertSucceeded(SubmittedRun run) {
    assertThat(run.awaitExit(RUN_TIMEOUT)).as(run.describe()).isZero();
    assertThat(run.summary().get("status")).as(run.describe()).isEqualTo("succeeded");
  }

  /** The analytics collections of {@code database} equal the baseline's, document for document. */
  void assertSameAnalyticsAsBaseline(String database) {
    AnalyticsSnapshot.of(database(database)).assertEqualTo(baseline);
  }

  /** The run read, counted and wrote what the baseline did: nothing read twice, nothing counted twice. */
  @SuppressWarnings("unchecked")
  void assertSameCountsAsBaseline(Map<String, Object> summary) {
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

  @Override
  public void close() {
    started.stopAll();
  }
}
