package io.shopanalytics.jobs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.shopanalytics.common.testing.EmbeddedMongo;
import io.shopanalytics.common.testing.EmbeddedServerTest;
import io.shopanalytics.jobs.oracle.ReferenceAnalytics;
import io.shopanalytics.jobs.oracle.ReferenceResult;
import io.shopanalytics.jobs.testdata.RandomShopData.ShopData;
import io.shopanalytics.jobs.testdata.RandomShopData;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end as a user runs it: {@code submit/spark-submit.sh} (Spark's own SparkSubmit from the
 * project's jars, the packaged application jar) against an embedded wire-protocol server.
 */
@EmbeddedServerTest
class SparkSubmitIT {
  private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
  private static final String PASSWORD = "hunter2-secret";
  private static EmbeddedMongo mongo;
  private static ShopData shop;

  @BeforeAll
  static void seed() {
    mongo = EmbeddedMongo.start();
    shop = seededShop(mongo, 101);
  }

  /** A random shop of 1,200 orders in the server's database (copies: the driver adds _id to what it inserts). */
  static ShopData seededShop(EmbeddedMongo server, long seed) {
    return RandomShopData.generate(seed, 60, 50, 1200).insertInto(server.database());
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  record Run(int exitCode, String stdout, String stderr) {
    String summaryLine() {
      List<String> lines = stdout.lines().filter(l -> l.startsWith("{")).toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }

  /** The wrapper with these arguments, on a local master, without the caller's connection string or Spark. */
  static ProcessBuilder wrapper(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("submit/spark-submit.sh").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
    builder.environment().remove("MONGODB_URI");
    builder.environment().remove("MONGODB_URI_FILE");
    builder.environment().remove("SPARK_HOME");
    builder.environment().put("SPARK_MASTER", "local[2]");
    builder.environment().putAll(env);
    return builder;
  }

  static Run submit(Map<String, String> env, String... args) throws IOException, InterruptedException {
    ProcessBuilder builder = wrapper(env, args);
    File out = Files.createTempFile("submit", ".out").toFile();
    File err = Files.createTempFile("submit", ".err").toFile();
    Process process = builder.redirectOutput(out).redirectError(err).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("spark-submit.sh did not finish in 5 minutes");
    }
    return new Run(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }

  /** A collection as stored, without the writer's own fields, in key order. */
  static List<Document> stored(MongoDatabase database, String collection, String... keys) {
    List<Document> documents = new ArrayList<>();
    for (Document document : database.getCollection(collection).find().sort(Sorts.ascending(keys))) {
      List.of("_id", "created_at", "updated_at", "lease_token").forEach(document::remove);
      documents.add(document);
    }
    return documents;
  }

  @Test
  void allJobWritesWhatTheReferenceComputes() throws Exception {
    Path summaryFile = Files.createTempFile("summary", ".json");
    Path metricsFile = Files.createTempDirectory("textfile").resolve("shop_analytics_all.prom");
    Run run = submit(Map.of(), "all", "--uri", mongo.uri(), "--from", "2024-09", "--to", "2024-12",
        "--as-of", "2024-12-20", "--summary-file", summaryFile.toString(), "--metrics-file", metricsFile.toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.summaryLine()).contains("\"job\":\"all\"", "\"status\":\"succeeded\"");
    assertThat(Files.readString(summaryFile).trim()).isEqualTo(run.summaryLine());
    JsonNode summary = new ObjectMapper().readTree(run.summaryLine());
    assertThat(summary.get("app_id").asText()).startsWith("local-");
    assertThat(summary.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    assertThat(summary.get("started_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z");
    assertThat(summary.get("finished_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z");
    // log lines carry their UTC date and the run id
    assertThat(run.stderr()).containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z INFO  \\["
        + java.util.regex.Pattern.quote(summary.get("run_id").asText()) + "\\] AnalyticsSuite - Run ");
    assertThat(Files.readAllLines(metricsFile)).contains(
        "shop_analytics_run_succeeded{analytics_job=\"all\"} 1",
        "shop_analytics_orders_read{analytics_job=\"all\"} " + summary.get("orders_read").asLong(),
        "shop_analytics_documents{analytics_job=\"all\",collection=\"sales_analytics\",outcome=\"written\"} "
            + summary.get("collections").get("sales_analytics").get("written").asLong());
    ReferenceResult expected = ReferenceAnalytics.compute(shop.orders(), shop.products(), shop.users(),
        RandomShopData.PERIODS, RandomShopData.AS_OF);
    assertThat(stored(mongo.database(), "product_analytics", "product_id", "period"))
        .isEqualTo(expected.productAnalytics());
    assertThat(stored(mongo.database(), "sales_analytics", "period"))
        .isEqualTo(expected.salesAnalytics());
    assertThat(stored(mongo.database(), "customer_analytics", "user_id"))
        .isEqualTo(expected.customerAnalytics());
    assertThat(run.summaryLine()).contains("\"orders_read\":" + expected.ordersRead());
  }

  @Test
  void invalidOptionsExitWithCodeTwoAndNameTheOption() throws Exception {
    Run run = submit(Map.of(), "product-analytics", "--uri", mongo.uri(), "--period", "2024-13");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("Invalid period '2024-13'");
    Run unknown = submit(Map.of(), "all", "--no-such-option");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.stderr()).contains("--no-such-option");
  }

  @Test
  void anUnreachableServerFailsFastWithoutShowingThePassword() throws Exception {
    Path summaryFile = Files.createTempFile("summary", ".json");
    String uri = "mongodb://analytics:" + PASSWORD + "@127.0.0.1:1/?serverSelectionTimeoutMS=2000";
    Run run = submit(Map.of("MONGODB_URI", uri), "all", "--period", "2024-11", "--as-of", "2024-11-30",
        "--summary-file", summaryFile.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.summaryLine()).contains("\"status\":\"failed\"").contains("127.0.0.1:1");
    assertThat(run.stdout() + run.stderr() + Files.readString(summaryFile)).doesNotContain(PASSWORD);
    assertThat(run.stderr()).contains("ERROR: all failed");
  }

  @Test
  void credentialsOnTheCommandLineAreRefused() throws Exception {
    Run viaOption = submit(Map.of(), "all", "--uri", "mongodb://analytics:" + PASSWORD + "@127.0.0.1:27017");
    assertThat(viaOption.exitCode()).isEqualTo(2);
    assertThat(viaOption.stderr()).contains("must not contain a password").doesNotContain(PASSWORD);
    Run viaConf = submit(Map.of(), "--conf", "spark.mongodb.read.connection.uri=mongodb://a:" + PASSWORD + "@h/",
        "all");
    assertThat(viaConf.exitCode()).isEqualTo(2);
    assertThat(viaConf.stderr()).contains("holds a password").doesNotContain(PASSWORD);
  }

  @Test
  void dryRunPlansWithoutWriting() throws Exception {
    long before = mongo.database().getCollection("sales_analytics").countDocuments();
    Run run = submit(Map.of(), "sales-analytics", "--uri", mongo.uri(), "--period", "2024-11", "--dry-run");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.summaryLine()).contains("\"dry_run\":true", "\"read_strategy\"", "\"estimated_orders\"",
        "\"periods\":[\"2024-11\"]", "\"app_id\":null");
    assertThat(mongo.database().getCollection("sales_analytics").countDocuments()).isEqualTo(before);
  }
}
