package io.shopanalytics.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.config.ReadSettings;
import io.shopanalytics.common.run.SparkSessions;
import io.shopanalytics.common.source.OrdersSource;
import io.shopanalytics.common.source.ReadScope;
import io.shopanalytics.common.source.strategy.ReadStrategies;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.cli.AnalyticsCommand;
import io.shopanalytics.jobs.cli.ConnectionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Times each read strategy on the same orders: one month, and all months. Every strategy's read
 * is a full pass through the reader (raw BSON rows counted), the median of several runs after a
 * warm-up; prints a table and one JSON line with documents/s and the ratio to the connector.
 */
@Command(name = "bench-read", mixinStandardHelpOptions = true,
    description = "Read throughput per --read-strategy (one month and all months) against the connector baseline.")
public final class ReadStrategyBench implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Option(names = "--month", paramLabel = "YYYY-MM", defaultValue = "2024-11", description = "The one-month scope. Default: ${DEFAULT-VALUE}.")
  String month;

  @Option(names = "--runs", defaultValue = "3", description = "Measured runs per figure. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Option(names = "--warmups", defaultValue = "1", description = "Discarded runs before each figure. Default: ${DEFAULT-VALUE}.")
  int warmups;

  @Option(names = "--strategies", split = ",", defaultValue = "connector,chunks,time-slices,auto",
      description = "Strategies to time. Default: ${DEFAULT-VALUE}.")
  List<String> strategies;

  @Option(names = "--results-file", defaultValue = "bench/results/read-strategies.jsonl",
      description = "Where the JSON line is appended. Default: ${DEFAULT-VALUE}.")
  Path resultsFile;

  @Override
  public Integer call() throws Exception {
    Map<String, String> conf = AnalyticsCommand.sparkConf();
    MongoSettings settings = connection.settings(conf, System.getenv());
    ReadSettings read = ReadSettings.fromConf(conf);
    SparkSession spark = SparkSessions.getOrCreate("shop-analytics bench-read");
    Period period = Period.parse(month);
    Map<String, ReadScope> scopes = new LinkedHashMap<>();
    scopes.put("one_month", ReadScope.between(period.start(), period.nextStart()));
    scopes.put("all_months", ReadScope.everything());

    Map<String, Object> figures = new LinkedHashMap<>();
    System.out.printf("%-12s %-12s %10s %10s %12s %14s%n", "scope", "strategy", "documents", "seconds", "docs/s",
        "vs connector");
    for (Map.Entry<String, ReadScope> scope : scopes.entrySet()) {
      Map<String, Object> perStrategy = new LinkedHashMap<>();
      Double connectorSeconds = null;
      for (String strategy : strategies) {
        long[] documents = new long[1];
        List<Double> seconds = new ArrayList<>();
        for (int run = 0; run < warmups + runs; run++) {
          OrdersSource source = ReadStrategies.orders(settings, read.withStrategy(strategy), scope.getValue());
          long started = System.nanoTime();
          documents[0] = source.read(spark).count();
          if (run >= warmups) {
            seconds.add((System.nanoTime() - started) / 1e9);
          }
        }
        double median = median(seconds);
        if (strategy.equals("connector")) {
          connectorSeconds = median;
        }
        Double ratio = connectorSeconds == null ? null : Math.round(median / connectorSeconds * 1000) / 1000.0;
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("documents", documents[0]);
        figure.put("median_s", Math.round(median * 1000) / 1000.0);
        figure.put("seconds", seconds);
        figure.put("docs_per_s", Math.round(documents[0] / median));
        figure.put("over_connector", ratio);
        perStrategy.put(strategy, figure);
        System.out.printf("%-12s %-12s %10d %10.3f %12d %14s%n", scope.getKey(), strategy, documents[0], median,
            Math.round(documents[0] / median), ratio == null ? "-" : ratio.toString());
      }
      figures.put(scope.getKey(), perStrategy);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("bench", "read-strategies");
    result.put("started", Instant.now().toString());
    result.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
        "memory_gib", Math.round(totalMemoryGib() * 10) / 10.0));
    result.put("server_note", "Numbers are for the server at the URI; on the embedded stand-in, not MongoDB.");
    result.put("month", month);
    result.put("runs", runs);
    result.put("warmups", warmups);
    result.put("partition_docs", read.partitionDocs());
    result.put("figures", figures);
    String json = new ObjectMapper().writeValueAsString(result);
    System.out.println(json);
    if (resultsFile.toAbsolutePath().getParent() != null) {
      Files.createDirectories(resultsFile.toAbsolutePath().getParent());
    }
    Files.writeString(resultsFile, json + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return 0;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static double totalMemoryGib() {
    try {
      String line = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
      return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0;
    } catch (Exception unknown) {
      return Double.NaN;
    }
  }
}
