package io.shopanalytics.bench;

import com.mongodb.client.MongoDatabase;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.config.ReadSettings;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.mongo.SourceCollections;
import io.shopanalytics.jobs.load.LoadSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/** The figures of one data size, in the order that needs each one's data. */
final class SizeBench {
  /** Orders of the floor's warm-up insert, once per benchmark. */
  static final int LOAD_WARMUP_ORDERS = 20_000;
  /** Orders generated for the generation-only figure: enough for a steady rate, not minutes at 1,000,000. */
  static final int GENERATION_LIMIT = 200_000;

  private final SparkSession spark;
  private final MongoSettings settings;
  private final String database;
  private final long seed;
  private final Path work;
  private final PrintWriter log;
  private final LoadBench load;
  private final AnalyticsBench analytics;
  private final String strategy;
  private final int threads;
  private final Runs.Meters meters;
  private final BenchServer server;
  /** What a load waits for: an emptied, collected server ({@link #emptyServer}) and a quiet machine. */
  private final QuietMachine quietLoad;
  /** What every timed run waits for (the stand-in's collection first, unless turned off). */
  private final QuietMachine quiet;
  private boolean loadWarmedUp;

  SizeBench(SparkSession spark, MongoSettings settings, Map<String, String> conf, BenchServer server,
      String database, long seed, Path work, PrintWriter log, QuietMachine quietLoad, QuietMachine quiet) {
    this.server = server;
    this.quietLoad = quietLoad;
    this.quiet = quiet;
    this.spark = spark;
    this.settings = settings;
    this.database = database;
    this.seed = seed;
    this.work = work;
    this.log = log;
    this.load = new LoadBench(server.uri(), log);
    ReadSettings read = ReadSettings.fromConf(conf);
    this.strategy = read.strategy();
    this.analytics = new AnalyticsBench(spark, settings, read);
    this.threads = Machine.sparkCores(spark);
    this.meters = new Runs.Meters(TaskCpu.attach(spark.sparkContext()), new ProcessCpu(server.process()));
  }

  /** The figures measured so far at the size that was running, for {@link #failed}. */
  private SizeResult current;

  /**
   * @param last whether no later size follows: then the stand-in stops once every figure that reads
   *     MongoDB has run, before DuckDB's, so that the two never hold their memory at once
   */
  SizeResult run(int orders, Set<String> figures, int warmups, int runs, int loadRuns, boolean last)
      throws Exception {
    SizeResult result = new SizeResult(orders);
    current = result;
    LoadSpec spec = LoadBench.spec(orders, seed);
    result.fields.put("users", spec.users());
    result.fields.put("products", spec.products());
    result.fields.put("runs", runs);
    result.fields.put("warmups", warmups);
    HeapPeak.reset();
    try (LoadAverage loadAverage = new LoadAverage()) {
      if (figures.contains("load")) {
        measureLoad(result, spec, loadRuns);
      }
      MongoDatabase data = MongoClientCache.get(settings.uri()).getDatabase(database);
      long stored = data.getCollection(SourceCollections.ORDERS).countDocuments();
      if (stored != orders) {
        throw new IllegalStateException("Database " + database + " holds " + stored + " orders, not " + orders
            + ": include the load figure, or point --uri at a server loaded with --orders " + orders + " --seed " + seed);
      }
      measureScanAndSuite(result, figures, warmups, runs);
      if (figures.contains("connector")) {
        result.connector = timed("connector scan", warmups, runs, () -> analytics.scan(AnalyticsBench.connectorStrategy()));
      }
      boolean duckdb = figures.contains("duckdb");
      if (figures.contains("compute") || duckdb) {
        try (AnalyticsBench.CachedInputs inputs = analytics.cacheInputs(strategy)) {
          result.fields.put("cached_inputs", inputs.counts());
          if (figures.contains("compute")) {
            result.compute = timed("compute only", warmups, runs, () -> result.fields.put("compute_rows",
                analytics.computeOnly(inputs)));
          }
          if (duckdb) {
            long started = System.nanoTime();
            DuckDbAnalytics.export(inputs.validated(), inputs.products(), inputs.users(), work.resolve("export-" + orders));
            result.fields.put("parquet_export_s", Runs.round((System.nanoTime() - started) / 1e9));
          }
        }
        if (duckdb) {
          measureDuckDb(result, data, warmups, runs, figures.contains("suite"), last);
        }
      }
      result.fields.put("load_average", loadAverage.summary());
    }
    result.peakHeapBytes = HeapPeak.peakBytes();
    return result;
  }

  /** The size that failed, with what it had measured and the (masked) error. */
  SizeResult failed(int orders, Throwable error) {
    SizeResult result = current != null && current.orders == orders ? current : new SizeResult(orders);
    result.fields.put("status", "failed");
    result.fields.put("error", io.shopanalytics.common.config.Secrets.mask(String.valueOf(error)));
    result.peakHeapBytes = HeapPeak.peakBytes();
    spark.sqlContext().clearCache(); // what the failed size cached must not weigh on the next one
    return result;
  }

  private void measureLoad(SizeResult result, LoadSpec spec, int loadRuns) throws Exception {
    if (!loadWarmedUp) {
      log.println("bench: load warm-up (floor insert of " + LOAD_WARMUP_ORDERS + " orders, discarded)");
      load.floor(database + "_floor", LoadBench.spec(LOAD_WARMUP_ORDERS, seed));
      loadWarmedUp = true;
    }
    List<Double> loader = new ArrayList<>();
    List<Double> floor = new ArrayList<>();
    for (int i = 0; i < loadRuns; i++) {
      // interleaved, so that a noisy minute on the shared machine hits both alike; each on an empty,
      // collected server, so that neither pays for the orders the other left behind
      emptyServer();
      floor.add(load.floor(database + "_floor", spec));
      log.printf("bench: %,d orders: raw insert floor %,.0f orders/s%n", spec.orders(), floor.get(floor.size() - 1));
      emptyServer();
      loader.add(load.loader(database, spec));
      log.printf("bench: %,d orders: loader %,.0f orders/s%n", spec.orders(), loader.get(loader.size() - 1));
    }
    result.generation = LoadBench.generation(spec, GENERATION_LIMIT);
    log.printf("bench: %,d orders: generation and encoding alone %,.0f orders/s (one thread)%n", spec.orders(),
        result.generation);
    result.loader = new Runs.Figure(Runs.median(loader), List.copyOf(loader), 0);
    result.floor = new Runs.Figure(Runs.median(floor), List.copyOf(floor), 0);
  }

  private void measureDuckDb(SizeResult result, MongoDatabase data, int warmups, int runs, boolean suiteWrote,
      boolean last) throws Exception {
    if (!suiteWrote) {
      log.println("bench: the suite figure was not run: DuckDB's results are compared with whatever the database holds");
    }
    Path outputs = work.resolve("outputs-" + result.orders);
    result.fields.put("exported_outputs", ExportedOutputs.export(data, outputs));
    if (last && server.embeddedStandIn()) {
      MongoClientCache.closeAll();
      server.close();
      log.println("bench: stand-in stopped (nothing reads it any more): DuckDB runs without it beside");
      result.fields.put("stand_in_stopped_before_duckdb", true);
    }
    try (DuckDbAnalytics duckdb = DuckDbAnalytics.open(work.resolve("export-" + result.orders), threads,
        AnalyticsBench.PERIODS, AnalyticsBench.AS_OF)) {
      result.duckdb = timed("duckdb", warmups, runs, duckdb::run, new Runs.Meters(null, meters.processes()));
      Map<String, Object> rows = new LinkedHashMap<>();
      for (String collection : DuckDbAnalytics.RESULT_TABLES.keySet()) {
        rows.put(collection, duckdb.count(collection));
      }
      result.fields.put("duckdb_rows", rows);
      Map<String, ResultComparison.Outcome> outcomes = OutputAgreement.check(outputs, duckdb);
      Map<String, Object> agreement = new LinkedHashMap<>();
      outcomes.forEach((collection, outcome) -> agreement.put(collection, outcome.toMap()));
      result.fields.put("duckdb_agreement", agreement);
      result.duckdbEqual = outcomes.values().stream().allMatch(ResultComparison.Outcome::equal);
      outcomes.values().stream().filter(o -> !o.equal()).forEach(o -> log.println("bench: DuckDB and the suite differ on "
          + o.collection() + ": " + o.toMap()));
    }
  }

  /** Drops the analysed database (the loader writes it again), has the stand-in collect its garbage and waits for a quiet machine. */
  private void emptyServer() throws Exception {
    MongoClientCache.get(settings.uri()).getDatabase(database).drop();
    if (!server.collectGarbage() && server.mode() == BenchServer.Mode.child) {
      log.println("bench: the stand-in could not be made to collect its garbage (jcmd GC.run): the load starts without");
    }
    quietLoad.await();
  }

  /**
   * The scan floor and the suite, whose ratio is a target: in turns when both are asked for (a scan,
   * a suite, a scan, ...), so that the stand-in's drift over the minutes they take (its heap, its
   * garbage collection) weighs on both alike.
   */
  private void measureScanAndSuite(SizeResult result, Set<String> figures, int warmups, int runs) throws Exception {
    boolean scanned = figures.contains("scan");
    boolean suited = figures.contains("suite");
    List<Runs.Work> works = new ArrayList<>();
    if (scanned) {
      works.add(() -> analytics.scan(strategy));
    }
    if (suited) {
      works.add(() -> analytics.suite(strategy));
    }
    List<Runs.Figure> measured = Runs.interleaved(warmups, runs, works, meters, quiet);
    if (scanned) {
      result.scan = logged("scan floor", measured.get(0));
    }
    if (suited) {
      result.suite = logged("suite (all)", measured.get(measured.size() - 1));
      result.fields.put("suite_last_run", lastRun(analytics.lastSuiteSummary()));
    }
  }

  private Runs.Figure timed(String name, int warmups, int runs, Runs.Work work) throws Exception {
    return timed(name, warmups, runs, work, meters);
  }

  private Runs.Figure timed(String name, int warmups, int runs, Runs.Work work, Runs.Meters using) throws Exception {
    return logged(name, Runs.measure(warmups, runs, work, using, quiet));
  }

  private Runs.Figure logged(String name, Runs.Figure figure) {
    log.printf("bench: %s: median %.2f s of %s%n", name, figure.median(), figure.seconds().stream()
        .map(s -> String.format("%.2f", s)).toList());
    return figure;
  }

  /** The suite's own stage seconds and counts from its last run. */
  private static Map<String, Object> lastRun(Map<String, Object> summary) {
    Map<String, Object> keep = new LinkedHashMap<>();
    for (String key : List.of("read_strategy", "read_partitions", "orders_read", "sales_counted", "collections", "seconds")) {
      keep.put(key, summary.get(key));
    }
    return keep;
  }
}
