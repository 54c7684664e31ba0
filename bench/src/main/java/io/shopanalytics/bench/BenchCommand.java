package io.shopanalytics.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.config.Secrets;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.run.SparkSessions;
import io.shopanalytics.jobs.cli.AnalyticsCommand;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The benchmark (not a test): per size, the loader against a raw insert floor, the suite's reader
 * with nothing computed (the scan floor), {@code all} end to end, the three aggregates alone,
 * the same aggregates in DuckDB (with a field-by-field check of the suite's results), and the
 * official connector's read; then one table on stderr and one JSON line on stdout and in
 * {@code --results-dir}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Measures the suite against its floors and its peers (see docs/PERFORMANCE.md).",
        "Prints a table on stderr and one JSON line on stdout (also appended under --results-dir)."})
public final class BenchCommand implements Callable<Integer> {
  static final List<String> FIGURES = List.of("load", "scan", "connector", "suite", "compute", "duckdb");
  static final String STAND_IN_NOTE = "Numbers are for the embedded MongoDB stand-in (mongo-java-server), not MongoDB.";

  @Spec
  CommandSpec command;

  @Option(names = "--orders", split = ",", paramLabel = "N[,N...]", defaultValue = "100000,300000,1000000",
      description = "Data sizes, in orders. Default: ${DEFAULT-VALUE}.")
  List<Integer> sizes;

  @Option(names = "--runs", defaultValue = "3", description = "Measured runs per figure. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Option(names = "--runs-large", defaultValue = "2",
      description = "Measured runs per figure at sizes >= --large-from. Default: ${DEFAULT-VALUE}.")
  int runsLarge;

  @Option(names = "--load-runs", defaultValue = "2",
      description = "Loader runs and floor runs per size. Default: ${DEFAULT-VALUE}.")
  int loadRuns;

  // two: one pair of loads at 1,000,000 orders swung load / floor between 0.76 and 0.84 (docs/PERFORMANCE.md, 1)
  @Option(names = "--load-runs-large", defaultValue = "2",
      description = "Loader and floor runs at sizes >= --large-from (about a minute each). Default: ${DEFAULT-VALUE}.")
  int loadRunsLarge;

  @Option(names = "--large-from", defaultValue = "1000000", description = "Where a size counts as large. Default: ${DEFAULT-VALUE}.")
  int largeFrom;

  // two: after one, the smallest size's suite runs still spread from 6.4 to 11.9 s (docs/PERFORMANCE.md, 1)
  @Option(names = "--warmups", defaultValue = "2", description = "Discarded runs before each figure's runs. Default: ${DEFAULT-VALUE}.")
  int warmups;

  @Option(names = "--warmups-large", defaultValue = "1",
      description = "Discarded runs at sizes >= --large-from. Default: ${DEFAULT-VALUE}.")
  int warmupsLarge;

  @Option(names = "--figures", split = ",", defaultValue = "load,scan,connector,suite,compute,duckdb",
      description = "Figures to measure (a subset is for investigating). Default: ${DEFAULT-VALUE}.")
  Set<String> figures;

  @Option(names = "--quiet-idle", defaultValue = "0.9", paramLabel = "FRACTION",
      description = "Each measured run waits until the machine's CPUs were at least this idle over 5 s "
          + "(other work on a shared machine stays out of the runs); 0 never waits. Default: ${DEFAULT-VALUE}.")
  double quietIdle;

  @Option(names = "--quiet-wait", defaultValue = "600", paramLabel = "SECONDS",
      description = "How long a measured run waits for a quiet machine at most; it then runs and says so. "
          + "Default: ${DEFAULT-VALUE}.")
  int quietWait;

  @Option(names = "--[no-]collect-before-runs", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Have the child stand-in collect its garbage (a full collection) before every measured run, "
          + "so that no run pays for what the runs before it left. Default: ${DEFAULT-VALUE}.")
  boolean collectBeforeRuns;

  @Option(names = "--uri", paramLabel = "URI",
      description = "A running server (no credentials), e.g. the dev server. Default: an embedded server of the benchmark's own.")
  String uri;

  @Option(names = "--server", defaultValue = "child",
      description = "Without --uri: child (embedded server in its own JVM) or in_process. Default: ${DEFAULT-VALUE}.")
  BenchServer.Mode serverMode;

  @Option(names = "--server-heap", defaultValue = "16g",
      description = "Heap of the child server, fixed (-Xms and -Xmx; 1,000,000 orders keep about 11 GB live in its memory backend; "
          + "at less than 16g its collector then takes a core from the reads). Default: ${DEFAULT-VALUE}.")
  String serverHeap;

  @Option(names = "--database", defaultValue = "bench", description = "Database to fill and analyse. Default: ${DEFAULT-VALUE}.")
  String database;

  @Option(names = "--seed", defaultValue = "42", description = "Loader seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--results-dir", defaultValue = "bench/results", description = "Where the JSON line is appended. Default: ${DEFAULT-VALUE}.")
  Path resultsDirectory;

  @Option(names = "--work-dir", description = "Scratch space for the Parquet export. Default: a temporary directory.")
  Path workDirectory;

  @Option(names = "--command-line", hidden = true, description = "How the benchmark was started (submit/bench.sh passes it).")
  String commandLine;

  @Override
  public Integer call() throws Exception {
    validate();
    PrintWriter err = command.commandLine().getErr();
    Map<String, String> conf = AnalyticsCommand.sparkConf();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("bench", "shop-analytics");
    report.put("started", DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
    report.put("command", commandLine != null ? commandLine : "bench " + String.join(" ", command.commandLine().getParseResult().originalArgs()));
    report.put("machine", Machine.describe());
    report.put("load_average_at_start", LoadAverage.now());
    Path work = workDirectory != null ? workDirectory : Files.createTempDirectory("shop-analytics-bench");
    Files.createDirectories(resultsDirectory);
    List<SizeResult> results = new ArrayList<>();
    try (BenchServer server = startServer(err)) {
      err.println("bench: " + server.description() + (server.embeddedStandIn() ? ". " + STAND_IN_NOTE : ""));
      report.put("server", server.description());
      if (server.embeddedStandIn()) {
        report.put("server_note", STAND_IN_NOTE);
      }
      SparkSession spark = SparkSessions.getOrCreate("shop-analytics bench");
      report.put("versions", Machine.versions(spark));
      report.put("spark", Machine.spark(spark));
      MongoSettings settings = MongoSettings.fromConf(conf).uri(server.uri()).database(database).build();
      boolean child = server.mode() == BenchServer.Mode.child;
      QuietMachine quiet = new QuietMachine(quietIdle, quietWait);
      SizeBench sizeBench = new SizeBench(spark, settings, conf, server, database, seed, work, err, quiet,
          collectBeforeRuns && child ? quiet.settlingFirst(server::collectGarbage) : quiet);
      report.put("quiet_machine", Map.of("min_idle_fraction", quietIdle, "max_wait_s", quietWait,
          "stand_in_collected_before_loads", child, "stand_in_collected_before_runs", collectBeforeRuns && child));
      Path partial = resultsDirectory.resolve("partial-" + stamp() + ".jsonl");
      TreeSet<Integer> ordered = new TreeSet<>(sizes);
      for (int size : ordered) {
        boolean large = size >= largeFrom;
        SizeResult result;
        try {
          result = sizeBench.run(size, figures, large ? warmupsLarge : warmups, large ? runsLarge : runs,
              large ? loadRunsLarge : loadRuns, size == ordered.last());
        } catch (Exception | OutOfMemoryError e) {
          // a size that fails is reported as failed, with what it measured before failing; the others stand
          err.println("bench: " + size + " orders failed: " + Secrets.mask(String.valueOf(e)));
          result = sizeBench.failed(size, e);
        }
        results.add(result);
        err.println(BenchReport.table(results));
        // each finished size is kept at once: a 1,000,000-order run takes long enough to be interrupted
        Files.writeString(partial, Secrets.mask(new ObjectMapper().writeValueAsString(result.toMap())) + System.lineSeparator(),
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      }
      Files.deleteIfExists(partial);
    } finally {
      MongoClientCache.closeAll();
      if (workDirectory == null) {
        deleteRecursively(work);
      }
    }
    report.put("load_average_at_end", LoadAverage.now());
    BenchReport.summarize(report, results);
    String json = Secrets.mask(new ObjectMapper().writeValueAsString(report));
    err.println(BenchReport.table(results));
    err.println(BenchReport.targets(report));
    command.commandLine().getOut().println(json);
    Path file = resultsDirectory.resolve("bench-" + stamp() + ".jsonl");
    Files.writeString(file, json + System.lineSeparator());
    err.println("bench: JSON line written to " + file);
    return 0;
  }

  private static String stamp() {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
  }

  private void validate() {
    if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException("--orders needs sizes of at least 1 order");
    }
    if (runs < 1 || runsLarge < 1 || warmups < 0 || warmupsLarge < 0 || loadRuns < 1 || loadRunsLarge < 1) {
      throw new IllegalArgumentException("--runs, --runs-large, --load-runs and --load-runs-large must be >= 1, --warmups >= 0");
    }
    for (String figure : figures) {
      if (!FIGURES.contains(figure)) {
        throw new IllegalArgumentException("--figures: unknown figure '" + figure + "' (expected some of " + FIGURES + ")");
      }
    }
  }

  private BenchServer startServer(PrintWriter err) throws Exception {
    if (uri != null) {
      if (new com.mongodb.ConnectionString(uri).getPassword() != null) {
        throw new IllegalArgumentException("--uri must not contain a password (it would be visible in the process list)");
      }
      return BenchServer.external(uri);
    }
    if (serverMode == BenchServer.Mode.in_process) {
      return BenchServer.inProcess();
    }
    Path log = Files.createTempFile("shop-analytics-bench-server", ".log");
    err.println("bench: starting the embedded server in a child JVM (log " + log + ")");
    return BenchServer.child(serverHeap, log);
  }

  private static void deleteRecursively(Path directory) throws java.io.IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
