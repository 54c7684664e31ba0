package io.shopanalytics.jobs.cli;

import io.shopanalytics.common.config.ConfigException;
import io.shopanalytics.common.config.LeaseSettings;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.config.ReadSettings;
import io.shopanalytics.common.config.Secrets;
import io.shopanalytics.common.config.SettingKeys;
import io.shopanalytics.common.run.ProjectVersion;
import io.shopanalytics.common.run.RunContext;
import io.shopanalytics.common.run.RunSummary;
import io.shopanalytics.common.run.SparkSessions;
import io.shopanalytics.jobs.analytics.AnalyticsOutput;
import io.shopanalytics.jobs.analytics.AnalyticsSuite;
import io.shopanalytics.jobs.analytics.RunRequest;
import io.shopanalytics.jobs.options.ConnectionOptions;
import io.shopanalytics.jobs.options.PeriodOptions;
import io.shopanalytics.jobs.options.ReadOptions;
import io.shopanalytics.jobs.options.SparkProperties;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.ThreadContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The analytics jobs: {@code product-analytics}, {@code sales-analytics}, {@code customer-analytics}
 * and {@code all} differ only in the outputs they request from {@link AnalyticsSuite}.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = false)
public class AnalyticsCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Mixin PeriodOptions time;
  @Mixin ReadOptions read;

  @Option(names = "--dry-run", description = "Plan only: periods, estimated orders, read partitions; no writes.")
  boolean dryRun;

  @Option(names = "--mode", paramLabel = "MODE",
      description = "full: the given months; incremental (`all` only): the months holding orders not yet "
          + "analytics_processed, then mark the orders read. Default: incremental for `all` without "
          + "--period/--from/--to, else full.")
  String mode;

  @Option(names = "--summary-file", paramLabel = "PATH", description = "Also write the run summary JSON here.")
  Path summaryFile;

  @Option(names = "--lock-wait", paramLabel = "DURATION",
      description = "How long to wait for runs writing the same months or customer snapshot to finish (90s, 10m); "
          + "then exit " + ShopAnalytics.BUSY + " (busy, retry later). Default: " + SettingKeys.LEASE_LOCK_WAIT
          + ", else " + SettingKeys.DEFAULT_LEASE_LOCK_WAIT + ".")
  String lockWait;

  @Option(names = "--replace-newer-snapshot",
      description = "Write customer_analytics even if the stored snapshot is as of a later day (going back on "
          + "purpose). Without it, such a run keeps the newer snapshot and only adds to customer_segment_history.")
  boolean replaceNewerSnapshot;

  @Option(names = "--metrics-file", paramLabel = "PATH",
      description = "Also write the summary's figures here in Prometheus' text format (node_exporter's textfile collector).")
  Path metricsFile;

  private final Set<AnalyticsOutput> outputs;
  private final String name;
  Clock clock = Clock.systemUTC();
  PrintStream out = System.out;

  AnalyticsCommand(String name, Set<AnalyticsOutput> outputs) {
    this.name = name;
    this.outputs = EnumSet.copyOf(outputs);
  }

  public static AnalyticsCommand all() {
    return new AnalyticsCommand("all", EnumSet.allOf(AnalyticsOutput.class));
  }

  public static AnalyticsCommand of(AnalyticsOutput output) {
    return new AnalyticsCommand(output.jobName(), EnumSet.of(output));
  }

  public String name() {
    return name;
  }

  @Override
  public Integer call() throws Exception {
    Map<String, String> conf = read.applyTo(sparkConf());
    RunRequest request = request(conf);
    RunSummary summary = new RunSummary(name).started(clock.instant(), ProjectVersion.get());
    try {
      SparkSession spark = dryRun ? null : session();
      if (spark != null) {
        summary.applicationId(spark.sparkContext().applicationId());
      }
      new AnalyticsSuite(spark, clock).execute(request, summary);
      Optional<String> busy = summary.busyReason();
      if (busy.isPresent()) {
        System.err.println("BUSY: " + name + " did nothing: " + Secrets.mask(busy.get()));
        return ShopAnalytics.BUSY;
      }
      return 0;
    } finally {
      ThreadContext.remove(RunContext.LOG_KEY);
      summary.finishedAt(clock.instant());
      out.println(summary.toJson());
      if (summaryFile != null) {
        summary.writeTo(summaryFile);
      }
      if (metricsFile != null) {
        summary.writeMetricsTo(metricsFile, clock.instant());
      }
    }
  }

  /** The options, validated and fixed for the run. */
  RunRequest request(Map<String, String> conf) {
    MongoSettings settings = connection.settings(conf, System.getenv());
    boolean periodic = outputs.stream().anyMatch(AnalyticsOutput::periodic);
    if (!periodic && time.periodGiven()) {
      throw new ConfigException("--period/--from/--to do not apply to " + name + " (it uses --as-of)");
    }
    boolean incremental = incremental();
    if (replaceNewerSnapshot && !outputs.contains(AnalyticsOutput.CUSTOMER)) {
      throw new ConfigException("--replace-newer-snapshot applies to customer analytics, not to " + name);
    }
    LeaseSettings leases = LeaseSettings.fromConf(conf);
    if (lockWait != null) {
      leases = leases.withLockWait(LeaseSettings.duration("--lock-wait", lockWait));
    }
    return RunRequest.builder(settings)
        .leases(leases)
        .replaceNewerSnapshot(replaceNewerSnapshot)
        .outputs(outputs)
        .periods(periodic && !incremental ? time.periods(clock) : List.of())
        .asOf(time.asOf(clock))
        .incremental(incremental)
        .dryRun(dryRun)
        .read(ReadSettings.fromConf(conf))
        .build();
  }

  private boolean incremental() {
    if (mode == null) {
      return name.equals("all") && !time.periodGiven();
    }
    switch (mode) {
      case "full":
        return false;
      case "incremental":
        if (outputs.size() != AnalyticsOutput.values().length) {
          throw new ConfigException("--mode incremental is for the `all` job (it marks orders processed only "
              + "when every output has been written)");
        }
        if (time.periodGiven()) {
          throw new ConfigException("--mode incremental finds its months itself: drop --period/--from/--to");
        }
        return true;
      default:
        throw new ConfigException("Invalid value for --mode: '" + mode + "' (expected full or incremental)");
    }
  }

  SparkSession session() {
    return SparkSessions.getOrCreate("shop-analytics " + name);
  }

  /** Spark properties as spark-submit passed them (system properties), without starting Spark. */
  public static Map<String, String> sparkConf() {
    return SparkProperties.submitted();
  }

}
