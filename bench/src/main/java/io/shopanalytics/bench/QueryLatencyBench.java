package io.shopanalytics.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.shopanalytics.common.model.OrderStatus;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.jobs.cli.ShopAnalytics;
import io.shopanalytics.jobs.report.ReportReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The report's three queries timed against the pre-aggregated analytics collections, and the
 * aggregation over {@code orders} that answers the same question, on the same server: p50/p95 of
 * each and the ratio. Without {@code --uri} it seeds an embedded stand-in (loader, then {@code all}
 * for 2024), and its figures are the stand-in's, not MongoDB's.
 */
@Command(name = "bench-queries", mixinStandardHelpOptions = true,
    description = "Latency of the report's queries: analytics collections vs the equivalent pipeline over orders.")
public final class QueryLatencyBench implements Callable<Integer> {
  @Option(names = "--uri", paramLabel = "URI",
      description = "A seeded and analysed server to query. Default: an embedded stand-in seeded here.")
  String uri;

  @Option(names = "--database", defaultValue = "shop", description = "Database name. Default: ${DEFAULT-VALUE}.")
  String database;

  @Option(names = "--orders", defaultValue = "20000",
      description = "Orders to seed into an embedded stand-in when no --uri is given. Default: ${DEFAULT-VALUE}.")
  int orders;

  @Option(names = "--year", defaultValue = "2024", description = "The year of the sales trend. Default: ${DEFAULT-VALUE}.")
  int year;

  @Option(names = "--month", defaultValue = "2024-11", description = "The month of the top products. Default: ${DEFAULT-VALUE}.")
  String month;

  @Option(names = "--runs", defaultValue = "30", description = "Timed runs per query. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Option(names = "--warmups", defaultValue = "3", description = "Discarded runs before each. Default: ${DEFAULT-VALUE}.")
  int warmups;

  record Latency(double p50, double p95) {}

  @Override
  public Integer call() throws Exception {
    boolean given = uri != null;
    try (BenchServer server = given ? BenchServer.external(uri) : BenchServer.inProcess()) {
      if (!given) {
        seed(server.uri());
      }
      try (MongoClient client = MongoClientCache.create(server.uri())) {
        MongoDatabase db = client.getDatabase(database);
        long orderCount = db.getCollection("orders").estimatedDocumentCount();
        System.out.printf("Report queries on %s, database %s, %d orders; %d runs after %d warm-ups, milliseconds%n",
            given ? "the server given with --uri" : "the embedded mongo-java-server stand-in (not MongoDB)",
            database, orderCount, runs, warmups);
        System.out.printf("%-44s %9s %9s %9s %9s %8s%n", "query", "an. p50", "an. p95", "raw p50", "raw p95", "p50 x");
        ReportReader reader = new ReportReader(db);
        RawQueries raw = new RawQueries(db.getCollection("orders"), OrderStatus.SALES);
        compare("sales trend of " + year, () -> reader.salesTrend(year + "-01", year + "-12"),
            () -> raw.salesTrend(year));
        compare("top 10 products of " + month, () -> reader.topProducts(month, 10), () -> raw.topProducts(month, 10));
        compare("segment sizes (raw: per-customer totals only)", reader::segmentSizes, raw::customerTotals);
      }
    }
    return 0;
  }

  private void seed(String server) {
    run("load", "--uri", server, "--database", database, "--drop", "--orders", String.valueOf(orders));
    run("all", "--uri", server, "--database", database, "--from", year + "-01", "--to", year + "-12", "--as-of", year + "-12-31");
  }

  private static void run(String... args) {
    int exit = ShopAnalytics.execute(args);
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", args) + " failed with exit code " + exit);
    }
  }

  private void compare(String query, Supplier<List<?>> analytics, Supplier<List<?>> raw) {
    Latency fast = time(analytics);
    Latency slow = time(raw);
    System.out.printf("%-44s %9.1f %9.1f %9.1f %9.1f %8.1f%n", query, fast.p50(), fast.p95(), slow.p50(), slow.p95(),
        slow.p50() / fast.p50());
  }

  private Latency time(Supplier<List<?>> query) {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < warmups + runs; i++) {
      long started = System.nanoTime();
      List<?> result = query.get();
      double elapsed = (System.nanoTime() - started) / 1e6;
      if (result == null || result.isEmpty()) {
        throw new IllegalStateException("A query returned nothing: is the database seeded and analysed?");
      }
      if (i >= warmups) {
        millis.add(elapsed);
      }
    }
    Collections.sort(millis);
    return new Latency(nearestRank(millis, 50), nearestRank(millis, 95));
  }

  /** The value at 1-based rank ceil(p/100 × n) in ascending order. */
  static double nearestRank(List<Double> sorted, int percentile) {
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }
}
