package io.shopanalytics.jobs.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.mongodb.client.model.Filters;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.config.Secrets;
import io.shopanalytics.common.config.SettingKeys;
import io.shopanalytics.common.config.SourceOptions;
import io.shopanalytics.common.incremental.DirtyMonths;
import io.shopanalytics.common.incremental.ProcessedMarker;
import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.run.JobLabels;
import io.shopanalytics.common.run.RunContext;
import io.shopanalytics.common.run.RunSummary;
import io.shopanalytics.common.run.StageTimer;
import io.shopanalytics.common.sink.AnalyticsIndexes;
import io.shopanalytics.common.sink.UpsertWriter;
import io.shopanalytics.common.sink.WriteOutcome;
import io.shopanalytics.common.source.OrdersSource;
import io.shopanalytics.common.source.ReadMetrics;
import io.shopanalytics.common.source.ReadPlan;
import io.shopanalytics.common.source.ReadScope;
import io.shopanalytics.common.source.reader.ReferenceCollections;
import io.shopanalytics.common.source.strategy.ReadStrategies;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.common.validate.OrderValidation;
import io.shopanalytics.jobs.analytics.transform.SaleData;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.bson.conversions.Bson;

/**
 * The analytics run as one action: read orders once, validate once, compute the requested outputs
 * concurrently (a FAIR pool each) and upsert them. Every job entry point, {@code all} included,
 * runs through here, so the three outputs are computed by the same code whichever job asks.
 *
 * <pre>{@code
 * RunSummary summary = AnalyticsSuite.in(spark).settings(settings).periods(periods).asOf(asOf)
 *     .outputs(EnumSet.allOf(AnalyticsOutput.class)).execute();
 * }</pre>
 */
public final class AnalyticsSuite {
  private static final Logger LOG = LogManager.getLogger(AnalyticsSuite.class);
  /** Re-reads allowed when chunks migrate during the read. */
  public static final int MAX_READ_ATTEMPTS = 3;

  private final SparkSession spark;
  /** Cached for the run: the RFM cut points and the final rows both need them. */
  private Dataset<Row> users;
  private MongoSettings settings;
  private OrdersSource source;
  private String readStrategy = SettingKeys.DEFAULT_READ_STRATEGY;
  private int partitionDocuments = SettingKeys.DEFAULT_PARTITION_DOCS;
  private SourceOptions sourceOptions = SourceOptions.defaults();
  private List<Period> periods = List.of();
  private AsOf asOf;
  private EnumSet<AnalyticsOutput> outputs = EnumSet.allOf(AnalyticsOutput.class);
  private boolean dryRun;
  private boolean incremental;
  private Clock clock = Clock.systemUTC();
  private RunSummary summary;

  private AnalyticsSuite(SparkSession spark) {
    this.spark = spark;
  }

  /** @param spark the session; may be null for a dry run, which reads nothing */
  public static AnalyticsSuite in(SparkSession spark) {
    return new AnalyticsSuite(spark);
  }

  public AnalyticsSuite settings(MongoSettings value) {
    this.settings = value;
    return this;
  }

  /** A ready source; without one, the source of {@link #readStrategy(String)} is built. */
  public AnalyticsSuite source(OrdersSource value) {
    this.source = value;
    return this;
  }

  public AnalyticsSuite readStrategy(String value) {
    this.readStrategy = value;
    return this;
  }

  public AnalyticsSuite partitionDocuments(int value) {
    this.partitionDocuments = value;
    return this;
  }

  public AnalyticsSuite sourceOptions(SourceOptions value) {
    this.sourceOptions = value;
    return this;
  }

  public AnalyticsSuite periods(List<Period> value) {
    this.periods = List.copyOf(value);
    return this;
  }

  public AnalyticsSuite asOf(AsOf value) {
    this.asOf = value;
    return this;
  }

  public AnalyticsSuite outputs(Set<AnalyticsOutput> value) {
    this.outputs = EnumSet.copyOf(value);
    return this;
  }

  /**
   * Incremental mode: product and sales analytics for the months holding unprocessed orders only
   * (customers as usual), then the orders read are marked processed, once every write succeeded.
   */
  public AnalyticsSuite incremental(boolean value) {
    this.incremental = value;
    return this;
  }

  public AnalyticsSuite dryRun(boolean value) {
    this.dryRun = value;
    return this;
  }

  public AnalyticsSuite clock(Clock value) {
    this.clock = value;
    return this;
  }

  /** Where to report; the summary is complete (status, error) even when execute() throws. */
  public AnalyticsSuite reportingTo(RunSummary value) {
    this.summary = value;
    return this;
  }

  /** Runs and returns the summary; a failure escapes after the summary has recorded it. */
  public RunSummary execute() throws Exception {
    requireConfigured();
    String job = jobName();
    RunSummary report = summary != null ? summary : new RunSummary(job);
    StageTimer timer = new StageTimer();
    RunContext run = RunContext.start(clock);
    report.put("run_id", run.runId())
        .put("periods", periods.stream().map(Period::id).toList())
        .put("as_of", outputs.contains(AnalyticsOutput.CUSTOMER) ? asOf.toString() : null)
        .put("read_preference", settings.describeReadPreference())
        .put("write_concern", settings.describeWriteConcern());
    Dataset<Row> validated = null;
    AnalyticsComputation computation = null;
    try {
      report.put("mode", incremental ? "incremental" : "full");
      LOG.info("Run {}: reading {} database {} with read preference {}, writing with write concern {}", run.runId(),
          Secrets.mask(settings.readUri()), settings.database(), settings.describeReadPreference(),
          settings.describeWriteConcern());
      if (incremental) {
        DirtyMonths.Found dirty = timer.time("dirty_months", () -> DirtyMonths.find(settings));
        useDirtyMonths(dirty, report);
      }
      ReadScope scope = scope();
      OrdersSource orders = source != null ? source
          : ReadStrategies.orders(readStrategy, settings, scope, partitionDocuments, sourceOptions);
      ReadPlan plan = timer.time("plan", orders::plan);
      reportPlan(report, plan, scope);
      if (dryRun) {
        report.put("dry_run", true);
        report.succeeded(timer);
        return report;
      }
      validated = timer.time("read_validate", () -> readAndValidate(orders, report));
      Dataset<Row> validatedOrders = validated;
      timer.time("rejects", () -> writeRejects(validatedOrders, run, report, job));

      Dataset<Row> products = ReferenceCollections.products(spark, settings,
          ReadStrategies.collection(ReferenceCollections.PRODUCTS, settings, partitionDocuments));
      if (outputs.contains(AnalyticsOutput.CUSTOMER)) {
        users = ReferenceCollections.users(spark, settings,
                ReadStrategies.collection(ReferenceCollections.USERS, settings, partitionDocuments))
            .persist(StorageLevel.MEMORY_AND_DISK());
      }
      computation = AnalyticsComputation.of(validated, products, users, periods, asOf);
      report.put("sales_counted", computation.materialize());

      runOutputs(computation, run, report, timer);
      if (incremental) {
        Dataset<Row> readOrders = validated;
        ProcessedMarker.Outcome marking = timer.time("mark_processed", () -> {
          JobLabels.label(spark.sparkContext(), "MARK", "MARK orders processed run=" + run.runId(), "default");
          return new ProcessedMarker(settings).mark(readOrders);
        });
        report.put("orders_marked", marking.marked()).put("orders_skipped_changed", marking.skippedChanged());
      }
      report.succeeded(timer);
      return report;
    } catch (Exception | Error e) {
      report.failed(timer, e);
      throw e;
    } finally {
      if (spark != null) {
        JobLabels.clear(spark.sparkContext());
      }
      if (computation != null) {
        computation.close();
      }
      if (users != null) {
        users.unpersist();
      }
      if (validated != null) {
        validated.unpersist();
      }
    }
  }

  /** Incremental runs recompute the dirty months only; with none, only customer analytics run. */
  private void useDirtyMonths(DirtyMonths.Found dirty, RunSummary report) {
    report.put("dirty_months", dirty.describe())
        .put("dirty_orders", dirty.orders())
        .put("dirty_orders_without_valid_date", dirty.withoutValidDate());
    periods = dirty.months();
    if (periods.isEmpty()) {
      outputs.removeIf(AnalyticsOutput::periodic);
    }
    report.put("periods", periods.stream().map(Period::id).toList());
    LOG.info("Incremental run: {} unprocessed orders, months to recompute {}", dirty.orders(), dirty.describe());
  }

  private void requireConfigured() {
    if (settings == null) {
      throw new IllegalStateException("AnalyticsSuite needs settings");
    }
    if (incremental) {
      if (outputs.size() != AnalyticsOutput.values().length) {
        throw new IllegalArgumentException("--mode incremental is for the `all` job (it marks orders processed only "
            + "when every output has been written)");
      }
      if (!periods.isEmpty()) {
        throw new IllegalArgumentException("--mode incremental finds its months itself: drop --period/--from/--to");
      }
      if (asOf == null) {
        throw new IllegalArgumentException("Customer analytics need an as-of date");
      }
      return;
    }
    if (outputs.isEmpty()) {
      throw new IllegalArgumentException("No output requested");
    }
    if (outputs.stream().anyMatch(AnalyticsOutput::periodic) && periods.isEmpty()) {
      throw new IllegalArgumentException("Product and sales analytics need at least one period");
    }
    if (outputs.contains(AnalyticsOutput.CUSTOMER) && asOf == null) {
      throw new IllegalArgumentException("Customer analytics need an as-of date");
    }
  }

  private String jobName() {
    return outputs.size() == AnalyticsOutput.values().length ? "all" : outputs.iterator().next().jobName();
  }

  /** The orders every requested output needs, read once: the periods' months and/or all history up to as-of. */
  ReadScope scope() {
    boolean periodic = outputs.stream().anyMatch(AnalyticsOutput::periodic);
    Instant from = null;
    Instant until = null;
    if (periodic) {
      from = periods.stream().map(Period::start).min(Instant::compareTo).orElseThrow();
      until = periods.stream().map(Period::nextStart).max(Instant::compareTo).orElseThrow();
    }
    if (outputs.contains(AnalyticsOutput.CUSTOMER)) {
      from = null;
      until = until == null || asOf.endExclusive().isAfter(until) ? asOf.endExclusive() : until;
    }
    return ReadScope.between(from, until);
  }

  private void reportPlan(RunSummary report, ReadPlan plan, ReadScope scope) {
    report.put("read_scope", scope.toString())
        .put("read_strategy", plan.strategy())
        .put("read_plan", plan.reason())
        .put("read_partitions", plan.partitions().size())
        .put("partitions_per_shard", plan.partitionsPerShard())
        .put("estimated_orders", plan.estimatedDocuments())
        .put("estimated_orders_per_shard", plan.estimatedDocumentsPerShard());
    if (plan.readPreference() != null) {
      report.put("read_preference", plan.readPreference());
    }
    LOG.info("Plan: {}", plan.describe());
  }

  private Dataset<Row> readAndValidate(OrdersSource orders, RunSummary report) {
    JobLabels.label(spark.sparkContext(), "READ", "READ orders strategy=" + orders.plan().strategy(), "default");
    for (int attempt = 1; ; attempt++) {
      Dataset<Row> validated = OrderValidation.validate(orders.read(spark)).persist(StorageLevel.MEMORY_AND_DISK());
      Map<String, Long> rejects = new TreeMap<>();
      long read = 0;
      for (Row row : validated.groupBy(OrderSchema.REJECT_REASON).count().collectAsList()) {
        read += row.getLong(1);
        if (!row.isNullAt(0)) {
          rejects.put(row.getString(0), row.getLong(1));
        }
      }
      if (!orders.metadataChangedSincePlan()) {
        report.put("orders_read", read)
            .put("rejects", rejects)
            .put("rejects_total", rejects.values().stream().mapToLong(Long::longValue).sum());
        reportShards(orders.metrics(), report, sourceOptions.shardImbalanceAlert());
        return validated;
      }
      validated.unpersist();
      if (attempt >= MAX_READ_ATTEMPTS) {
        throw new IllegalStateException("Chunks of orders kept migrating during the read (" + attempt
            + " attempts): run again when the balancer is quiet, or stop it for the run's window");
      }
      LOG.warn("Chunk metadata of orders changed during the read (attempt {}): planning and reading again", attempt);
      orders.replan();
    }
  }

  private static void reportShards(ReadMetrics metrics, RunSummary report, double imbalanceAlert) {
    if (metrics == null) {
      return;
    }
    metrics.warnIfImbalanced(imbalanceAlert);
    metrics.imbalance().ifPresent(value -> report.put("shard_imbalance", Math.round(value * 1000) / 1000.0));
    Map<String, Object> shards = new LinkedHashMap<>();
    metrics.perShard().forEach((shard, reads) -> shards.put(shard,
        Map.of("partitions", reads.partitions(), "documents", reads.documents(),
            "seconds", Math.round(reads.seconds() * 1000) / 1000.0)));
    report.put("shards", shards);
  }

  private Void writeRejects(Dataset<Row> validated, RunContext run, RunSummary report, String job)
      throws InterruptedException {
    long total = (Long) report.get("rejects_total");
    if (total == 0) {
      return null;
    }
    JobLabels.label(spark.sparkContext(), "REJECTS", "REJECTS run=" + run.runId(), "default");
    Dataset<Row> rejects = OrderValidation.rejects(validated).select(
        col(OrderSchema.ORDER_ID).as("_id"),
        col(OrderSchema.REJECT_REASON).as("reason"),
        lit(run.runId()).as("run_id"),
        lit(job).as("job"));
    report.recordWrite(new UpsertWriter(settings).upsert(rejects, AnalyticsIndexes.REJECTS, List.of("_id"),
        AnalyticsOutput.ID_FIELDS, run.runTime(), null));
    return null;
  }

  private void runOutputs(AnalyticsComputation computation, RunContext run, RunSummary report, StageTimer timer)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(outputs.size(), r -> {
      Thread thread = new Thread(r, "analytics-output");
      thread.setDaemon(true);
      return thread;
    });
    try {
      CompletionService<WriteOutcome> running = new ExecutorCompletionService<>(pool);
      for (AnalyticsOutput output : outputs) {
        running.submit(() -> timer.time(output.jobName(), () -> {
          JobLabels.label(spark.sparkContext(), output.label(), output.label() + " " + scopeLabel(output), output.pool());
          WriteOutcome outcome = new UpsertWriter(settings).upsert(computation.output(output),
              output.collection(), output.key(), AnalyticsOutput.ID_FIELDS, run.runTime(), sweepScope(output));
          report.recordWrite(outcome);
          if (output == AnalyticsOutput.PRODUCT) {
            report.put("products_counters_updated", ProductCounters.update(settings));
          }
          return outcome;
        }));
      }
      Exception failure = null;
      for (int remaining = outputs.size(); remaining > 0; ) {
        // in the order they finish: the first failure is known as soon as it happens
        Future<WriteOutcome> done = failure == null ? running.take() : running.poll(1, TimeUnit.SECONDS);
        if (failure != null) {
          cancelOutputJobs(); // again: an output may have started a job since
        }
        if (done == null) {
          continue;
        }
        remaining--;
        try {
          done.get();
        } catch (ExecutionException e) {
          Exception cause = e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
          if (failure == null) {
            failure = cause;
            cancelOutputJobs();
          } else {
            failure.addSuppressed(cause);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Once one output has failed, the run has failed: the other outputs' Spark jobs are cancelled
   * rather than left computing and writing. Left alone, with MongoDB unreachable, each of them went
   * on failing for minutes (every write task retries for about a minute, and Spark runs it four
   * times) before the run could report its failure.
   */
  private void cancelOutputJobs() {
    for (AnalyticsOutput output : outputs) {
      spark.sparkContext().cancelJobGroup(output.label());
    }
  }

  /** What a run recomputes in full, and so may clean of documents it no longer produces. */
  private Bson sweepScope(AnalyticsOutput output) {
    return output.periodic()
        ? Filters.in(SaleData.PERIOD, periods.stream().map(Period::id).toList())
        : Filters.empty();
  }

  private String scopeLabel(AnalyticsOutput output) {
    if (!output.periodic()) {
      return "as_of=" + asOf;
    }
    return periods.size() == 1 ? "period=" + periods.get(0)
        : "periods=" + periods.get(0) + ".." + periods.get(periods.size() - 1);
  }
}
