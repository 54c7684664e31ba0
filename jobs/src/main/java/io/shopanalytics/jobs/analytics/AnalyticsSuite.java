package io.shopanalytics.jobs.analytics;

import io.shopanalytics.common.config.Secrets;
import io.shopanalytics.common.incremental.DirtyMonths;
import io.shopanalytics.common.incremental.ProcessedMarker;
import io.shopanalytics.common.lease.LeaseBusyException;
import io.shopanalytics.common.run.JobLabels;
import io.shopanalytics.common.run.RunContext;
import io.shopanalytics.common.run.RunSummary;
import io.shopanalytics.common.run.StageTimer;
import io.shopanalytics.common.source.OrdersSource;
import io.shopanalytics.common.source.ReadPlan;
import io.shopanalytics.common.source.ReadScope;
import io.shopanalytics.common.source.StableRead;
import io.shopanalytics.common.source.strategy.ReadStrategies;
import io.shopanalytics.common.validate.OrderValidation;
import io.shopanalytics.jobs.analytics.transform.ReadTally;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.spark.sql.SparkSession;

/**
 * The analytics run as one action, whichever job asks for it: record the run, take the leases of
 * its output scopes (or end {@code busy}), plan the read (the products and users are read beside
 * it, {@link ReferenceRead}), read and validate the orders once,
 * compute and write the requested outputs concurrently, then the post-write steps (product
 * counters, incremental marking), recording each step in the run summary and, at the end, in
 * {@code analytics_runs}. docs/ARCHITECTURE.md, 8. Runs under a scheduler explains the leases.
 *
 * <pre>{@code
 * RunSummary summary = new AnalyticsSuite(spark).execute(RunRequest.builder(settings).periods(periods).asOf(asOf).build());
 * }</pre>
 */
public final class AnalyticsSuite {
  private static final Logger LOG = LogManager.getLogger(AnalyticsSuite.class);

  /** Where a run's orders come from; a seam for tests that inject a failing read. */
  @FunctionalInterface
  public interface SourceFactory {
    OrdersSource orders(RunRequest request, ReadScope scope);
  }

  private final SparkSession spark;
  private final Clock clock;
  private final SourceFactory sources;
  /** Real time, for leases and the read's start, whatever clock dates the run's documents. */
  private final Clock wallClock = Clock.systemUTC();

  /** @param spark the session; may be null for a dry run, which reads nothing */
  public AnalyticsSuite(SparkSession spark) {
    this(spark, Clock.systemUTC());
  }

  public AnalyticsSuite(SparkSession spark, Clock clock) {
    this(spark, clock, (request, scope) -> ReadStrategies.orders(request.mongo(), request.read(), scope));
  }

  public AnalyticsSuite(SparkSession spark, Clock clock, SourceFactory sources) {
    this.spark = spark;
    this.clock = clock;
    this.sources = sources;
  }

  public RunSummary execute(RunRequest request) throws Exception {
    return execute(request, new RunSummary(request.job()));
  }

  /** Runs into {@code summary}, which is complete (status, error) even when this throws. */
  public RunSummary execute(RunRequest requested, RunSummary summary) throws Exception {
    StageTimer timer = new StageTimer();
    RunContext run = RunContext.start(clock);
    ThreadContext.put(RunContext.LOG_KEY, run.runId());
    RunReport report = new RunReport(summary, timer);
    report.started(run, requested);
    RunRecords records = requested.dryRun() ? null
        : new RunRecords(requested.mongo(), run, spark == null ? null : spark.sparkContext().applicationId());
    try (RunResources resources = new RunResources()) {
      LOG.info("Run {}: reading {} database {} with read preference {}, writing with write concern {}", run.runId(),
          Secrets.mask(requested.mongo().readUri()), requested.mongo().database(),
          requested.mongo().describeReadPreference(), requested.mongo().describeWriteConcern());
      if (records != null) {
        records.started(summary);
      }
      RunRequest request = requested.incremental() ? timer.time("dirty_months", () -> dirtyMonths(requested, report))
          : requested;
      OutputLeases leases = request.dryRun() ? null : resources.keep(timer.time("leases",
          () -> OutputLeases.acquire(request, run, wallClock)));
      Map<AnalyticsOutput, String> skipped = leases == null ? Map.of() : snapshotSkipped(leases, report);
      Instant readStarted = wallClock.instant();
      OrdersSource orders = sources.orders(request, request.scope());
      ReferenceRead references = request.dryRun() ? null : resources.keep(ReferenceRead.start(spark, request));
      ReadPlan plan = timer.time("plan", orders::plan);
      report.planned(plan, request.scope());
      LOG.info("Plan: {}", plan.describe());
      if (request.dryRun()) {
        report.dryRun();
        report.succeeded();
        return summary;
      }
      ReferenceData referenceData = timer.time("reference_data", references::await);
      AnalyticsComputation computation = resources.keep(timer.time("read_validate",
          () -> read(orders, request, referenceData)));
      ReadTally tally = computation.tally();
      report.read(tally, orders.metrics(), request.read().shardImbalanceAlert());
      timer.time("rejects", () -> new RejectsWriter(request.mongo()).write(spark, computation.rejects(),
          tally.rejectsTotal(), run, request.job())).ifPresent(report::wrote);
      report.salesCounted(tally.salesCounted());
      new OutputWriters(spark, request, run, timer, report, leases, skipped).writeAll(computation);

      leases.checkHeld();
      if (request.wants(AnalyticsOutput.PRODUCT)) {
        report.productCounters(timer.time("product_counters", () -> ProductCounters.update(request.mongo())));
      }
      if (request.mode().marksProcessed()) {
        leases.checkHeld();
        report.marked(timer.time("mark_processed", () -> markProcessed(request, computation, run, readStarted)));
      }
      report.succeeded();
      return summary;
    } catch (LeaseBusyException busy) {
      LOG.warn("Run {} is busy: {}", run.runId(), busy.getMessage());
      report.busy(busy.getMessage());
      return summary;
    } catch (Exception | Error e) {
      report.failed(e);
      throw e;
    } finally {
      if (records != null) {
        records.finished(summary, wallClock.instant());
      }
      if (spark != null) {
        JobLabels.clear(spark.sparkContext());
      }
    }
  }

  /** The customer snapshot is skipped when the stored one is newer (unless replaced on purpose). */
  private static Map<AnalyticsOutput, String> snapshotSkipped(OutputLeases leases, RunReport report)
      throws InterruptedException {
    Map<AnalyticsOutput, String> skipped = new EnumMap<>(AnalyticsOutput.class);
    leases.customerSnapshotSkipped().ifPresent(reason -> {
      skipped.put(AnalyticsOutput.CUSTOMER, reason);
      LOG.warn("Not writing {}: {}", AnalyticsOutput.CUSTOMER.collection(), reason);
    });
    Map<String, String> byCollection = new TreeMap<>();
    skipped.forEach((output, reason) -> byCollection.put(output.collection(), reason));
    report.skipped(byCollection);
    return skipped;
  }

  private static RunRequest dirtyMonths(RunRequest request, RunReport report) {
    DirtyMonths.Found dirty = DirtyMonths.find(request.mongo());
    RunRequest resolved = request.withDirtyMonths(dirty.months());
    report.dirtyMonths(dirty, resolved);
    LOG.info("Incremental run: {} unprocessed orders, months to recompute {}", dirty.orders(), dirty.describe());
    return resolved;
  }

  /**
   * Reads, validates and aggregates in one pass (docs/ARCHITECTURE.md, 6): the orders are never cached,
   * only the aggregates made of them as they stream by; a read that chunk migrations made stale is
   * released and done again.
   */
  private AnalyticsComputation read(OrdersSource orders, RunRequest request, ReferenceData references) {
    JobLabels.label(spark.sparkContext(), "READ", "READ orders strategy=" + orders.plan().strategy(), "default");
    return StableRead.read(spark, orders,
        raw -> AnalyticsComputation.of(OrderValidation.validate(raw), references.products(), references.users(),
            request.periods(), request.asOf(), request.outputs(), request.mode().marksProcessed()).materialize(),
        AnalyticsComputation::close);
  }

  /** Only once every output is written: an order marked processed must be in the stored analytics. */
  private ProcessedMarker.Outcome markProcessed(RunRequest request, AnalyticsComputation computation, RunContext run,
      Instant readStarted) {
    JobLabels.label(spark.sparkContext(), "MARK", "MARK orders processed run=" + run.runId(), "default");
    return new ProcessedMarker(request.mongo()).mark(computation.unprocessed(), readStarted);
  }
}
