package io.shopanalytics.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.shopanalytics.common.config.LeaseSettings;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.config.ReadSettings;
import io.shopanalytics.common.config.StreamSettings;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.run.SparkSessions;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.cli.ShopAnalytics;
import io.shopanalytics.jobs.load.LoadSpec;
import io.shopanalytics.jobs.stream.StreamJob;
import io.shopanalytics.jobs.stream.StreamRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.bson.BsonDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The stream job's latency: while orders are placed at a steady rate, the delay from each order's
 * insert to the moment its month's {@code sales_analytics} counts it, p50 and p95 per rate. Against
 * the embedded stand-in in a child JVM, with an oplog, unless {@code --uri} names a server.
 */
@Command(name = "bench-stream", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Latency of the stream job: from an order's insert to its month's sales_analytics counting it.")
public final class StreamLatencyBench implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--uri", paramLabel = "URI", description = "A server to seed and measure (a replica set or "
      + "mongos). Default: the embedded stand-in in a child JVM.")
  String uri;

  @Option(names = "--orders", defaultValue = "20000", description = "Orders of the shop seeded first. Default: ${DEFAULT-VALUE}.")
  int orders;

  @Option(names = "--rates", split = ",", defaultValue = "2,20", description = "Orders a second, one measurement each. Default: ${DEFAULT-VALUE}.")
  List<Double> rates;

  @Option(names = "--seconds", defaultValue = "180", description = "How long each rate lasts. Default: ${DEFAULT-VALUE}.")
  double seconds;

  @Option(names = "--trigger-seconds", defaultValue = "30", description = "The stream's trigger. Default: ${DEFAULT-VALUE} (the job's default).")
  int triggerSeconds;

  @Option(names = "--server-heap", defaultValue = "4g", description = "The child stand-in's -Xmx. Default: ${DEFAULT-VALUE}.")
  String serverHeap;

  @Option(names = "--results-file", defaultValue = "bench/results/stream-latency.jsonl",
      description = "Where the JSON line is appended. Default: ${DEFAULT-VALUE}.")
  Path resultsFile;

  @Override
  public Integer call() throws Exception {
    Path log = Files.createTempFile("bench-stream-server", ".log");
    try (BenchServer server = uri != null ? BenchServer.external(uri) : BenchServer.child(serverHeap, log, true);
        MongoClient client = MongoClientCache.create(server.uri())) {
      System.err.println("bench-stream: " + server.description());
      seed(server.uri());
      SparkSession spark = SparkSessions.getOrCreate("shop-analytics bench-stream");
      MongoDatabase shop = client.getDatabase("shop");
      ByteArrayOutputStream lines = new ByteArrayOutputStream();
      StreamJob job = new StreamJob(spark, Clock.systemUTC(), new PrintStream(lines, true, StandardCharsets.UTF_8));
      Path checkpoint = Files.createTempDirectory("bench-stream-checkpoint");
      Thread stream = new Thread(() -> run(job, server.uri(), checkpoint), "bench-stream");
      stream.start();
      awaitLine(lines, "\"event\":\"batch\"", Duration.ofMinutes(5));

      OrderTraffic traffic = new OrderTraffic(shop.getCollection("orders", BsonDocument.class),
          new LoadSpec(20_000, 1_000, orders, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), 42),
          Clock.systemUTC());
      List<Map<String, Object>> measured = new ArrayList<>();
      for (double rate : rates) {
        measured.add(measure(shop, traffic, rate, lines));
      }
      job.stop();
      stream.join(Duration.ofMinutes(5).toMillis());
      report(server, measured);
    }
    return 0;
  }

  private void seed(String server) {
    run("load", "--uri", server, "--drop", "--orders", String.valueOf(orders));
    run("all", "--uri", server, "--from", "2024-01", "--to", "2024-12", "--as-of", "2024-12-31");
  }

  private static void run(String... args) {
    int exit = ShopAnalytics.execute(args);
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", args) + " failed with exit code " + exit);
    }
  }

  private void run(StreamJob job, String server, Path checkpoint) {
    MongoSettings settings = MongoSettings.builder().uri(server).database("shop").build();
    StreamSettings stream = StreamSettings.fromConf(Map.of()).withTrigger(Duration.ofSeconds(triggerSeconds));
    try {
      job.run(new StreamRequest(settings, ReadSettings.defaults(), LeaseSettings.defaults(), stream,
          checkpoint.toString(), null));
    } catch (Exception e) {
      throw new IllegalStateException("The stream failed: " + e.getMessage(), e);
    }
  }

  private Map<String, Object> measure(MongoDatabase shop, OrderTraffic traffic, double rate, ByteArrayOutputStream lines)
      throws Exception {
    Period month = Period.containing(Instant.now());
    try (CountWatch watch = new CountWatch(shop.getCollection("sales_analytics"), month, Clock.systemUTC(), 100)) {
      long base = watch.count();
      int batchesBefore = count(lines, "\"event\":\"batch\"");
      List<OrderTraffic.Placed> placed = traffic.run(rate, seconds, 0);
      long deadline = System.nanoTime() + Duration.ofSeconds(3L * triggerSeconds + 300).toNanos();
      while (watch.reached(base + placed.size()) == null && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      List<Double> latencies = new ArrayList<>();
      for (int k = 0; k < placed.size(); k++) {
        Instant counted = watch.reached(base + k + 1);
        if (counted == null) {
          throw new IllegalStateException("Order " + (k + 1) + " of " + placed.size() + " at " + rate
              + "/s was never counted in " + month);
        }
        latencies.add(Duration.between(placed.get(k).at(), counted).toMillis() / 1000.0);
      }
      Collections.sort(latencies);
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("orders_per_second", rate);
      figures.put("orders", placed.size());
      figures.put("p50_seconds", QueryLatencyBench.nearestRank(latencies, 50));
      figures.put("p95_seconds", QueryLatencyBench.nearestRank(latencies, 95));
      figures.put("max_seconds", latencies.get(latencies.size() - 1));
      List<Double> batchSeconds = batchSeconds(lines, batchesBefore);
      figures.put("batches", batchSeconds.size());
      figures.put("batch_seconds_median", batchSeconds.isEmpty() ? null : Runs.median(batchSeconds));
      figures.put("load_average", LoadAverage.now());
      System.err.printf("bench-stream: %.1f orders/s, %d orders: p50 %.1f s, p95 %.1f s%n", rate, placed.size(),
          figures.get("p50_seconds"), figures.get("p95_seconds"));
      return figures;
    }
  }

  /** The seconds of each batch line after the first {@code skip}. */
  private static List<Double> batchSeconds(ByteArrayOutputStream lines, int skip) throws Exception {
    List<Double> seconds = new ArrayList<>();
    List<String> batches = lines.toString(StandardCharsets.UTF_8).lines()
        .filter(line -> line.contains("\"event\":\"batch\"")).toList();
    for (String batch : batches.subList(skip, batches.size())) {
      seconds.add(JSON.readTree(batch).get("seconds").asDouble());
    }
    return seconds;
  }

  private static int count(ByteArrayOutputStream lines, String marker) {
    return (int) lines.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains(marker)).count();
  }

  private static void awaitLine(ByteArrayOutputStream lines, String marker, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count(lines, marker) == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The stream printed no " + marker + " within " + timeout + ":\n" + lines);
      }
      Thread.sleep(200);
    }
  }

  private void report(BenchServer server, List<Map<String, Object>> measured) throws Exception {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("benchmark", "stream-latency");
    line.put("at", Instant.now().toString());
    line.put("server", server.description());
    line.put("not_mongodb", server.embeddedStandIn());
    line.put("machine", Machine.describe());
    line.put("shop_orders", orders);
    line.put("trigger_seconds", triggerSeconds);
    line.put("seconds_per_rate", seconds);
    line.put("rates", measured);
    String json = JSON.writeValueAsString(line);
    System.out.println(json);
    if (resultsFile.toAbsolutePath().getParent() != null) {
      Files.createDirectories(resultsFile.toAbsolutePath().getParent());
    }
    Files.writeString(resultsFile, json + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
