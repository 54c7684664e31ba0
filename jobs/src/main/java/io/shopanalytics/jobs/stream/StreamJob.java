package io.shopanalytics.jobs.stream;

import io.shopanalytics.common.changes.ChangeFeedSpec;
import io.shopanalytics.common.changes.ChangeOffset;
import io.shopanalytics.common.changes.ChangeStreamLostException;
import io.shopanalytics.common.changes.OrderChangesSource;
import io.shopanalytics.common.config.Secrets;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.mongo.SourceCollections;
import io.shopanalytics.common.run.ProjectVersion;
import io.shopanalytics.common.run.RunContext;
import io.shopanalytics.common.run.RunSummary;
import io.shopanalytics.common.time.AsOf;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.bson.Document;

/**
 * The stream job (docs/ARCHITECTURE.md, 10. The stream job): a Structured Streaming query over the
 * change stream of {@code orders} whose micro-batches recompute what their changes touched. It runs
 * until {@link #stop()} (SIGTERM), which lets the current batch finish and starts no other; or
 * until it fails, which it reports and throws.
 */
public final class StreamJob {
  private static final Logger LOG = LogManager.getLogger(StreamJob.class);
  public static final String QUERY_NAME = "shop-analytics-stream";
  /** How long one read of the change stream waits for changes before the trigger moves on. */
  private static final Duration MAX_AWAIT = Duration.ofMillis(500);
  private static final long POLL_MILLIS = 250;

  private final SparkSession spark;
  private final Clock clock;
  private final PrintStream out;
  private volatile boolean stopping;

  public StreamJob(SparkSession spark, Clock clock, PrintStream out) {
    this.spark = spark;
    this.clock = clock;
    this.out = out;
  }

  /** Asks the stream to stop after the batch it is running, if any. */
  public void stop() {
    stopping = true;
  }

  /** Runs until stopped (returns) or failed (throws, after its {@code failed} line and record). */
  public void run(StreamRequest request) throws Exception {
    RunContext run = RunContext.start(clock);
    ThreadContext.put(RunContext.LOG_KEY, run.runId());
    StreamLines lines = new StreamLines(out, run.runId(), clock);
    StreamRecord record = new StreamRecord(request.mongo(), run.runId(), run.runTime(), request.checkpoint(),
        ProjectVersion.get(), spark.sparkContext().applicationId());
    record.started();
    CustomerSchedule customers = new CustomerSchedule(request.stream().customersEvery());
    Supplier<AsOf> asOf = request.asOf(clock);
    ChangeFeedSpec spec = new ChangeFeedSpec(request.mongo(), request.stream().maxChangesPerBatch(), MAX_AWAIT,
        request.stream().idleAdvance(), () -> customers.due(clock.instant(), asOf.get()), () -> stopping,
        (from, fresh) -> lines.print("listening", listening(request, from, fresh)), clock);
    Map<String, String> feed = OrderChangesSource.register(spec);
    try {
      StreamingQuery query = spark.readStream().format(OrderChangesSource.class.getName()).options(feed).load()
          .writeStream()
          .queryName(QUERY_NAME)
          .option("checkpointLocation", request.checkpoint())
          .trigger(Trigger.ProcessingTime(request.stream().trigger().toMillis()))
          .foreachBatch(new BatchRecompute(spark, request, asOf, customers, lines, record, () -> stopping, clock))
          .start();
      awaitEnd(query);
      record.finished("stopped", clock.instant(), null);
      lines.print("stopped", Map.of("customers_pending", customers.pending()));
    } catch (Exception e) {
      if (cause(e, StreamStopped.class).isPresent()) {
        record.finished("stopped", clock.instant(), null);
        lines.print("stopped", Map.of("customers_pending", customers.pending(), "note", e.getMessage()));
        return;
      }
      Optional<ChangeStreamLostException> lost = cause(e, ChangeStreamLostException.class);
      Exception failure = lost.<Exception>map(l -> {
        LostChanges.Recovery recovery = LostChanges.of(l, request.mongo(), request.checkpoint());
        return new IllegalStateException(recovery.message(), l);
      }).orElse(e);
      String error = Secrets.mask(RunSummary.withoutStackTrace(failure.getMessage()));
      record.finished("failed", clock.instant(), error);
      Map<String, Object> failed = new LinkedHashMap<>();
      failed.put("error", error);
      lost.ifPresent(l -> failed.put("since", l.since() == null ? null : l.since().toString()));
      lines.print("failed", failed);
      throw failure;
    } finally {
      OrderChangesSource.unregister(feed);
      ThreadContext.remove(RunContext.LOG_KEY);
    }
  }

  /** Waits for the query to end; once stopping, stops it between triggers (never inside a batch). */
  private void awaitEnd(StreamingQuery query) throws Exception {
    while (!query.awaitTermination(POLL_MILLIS)) {
      if (stopping && !query.status().isTriggerActive()) {
        LOG.info("Stopping the stream between batches");
        query.stop();
      }
    }
  }

  private Map<String, Object> listening(StreamRequest request, ChangeOffset from, boolean fresh) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("resume", fresh ? "new stream: from now" : "after change " + from.seq() + " of the checkpoint");
    line.put("position", from.json());
    line.put("checkpoint", request.checkpoint());
    line.put("database", request.mongo().database());
    line.put("read_preference", request.mongo().describeReadPreference());
    line.put("trigger_seconds", request.stream().trigger().toSeconds());
    line.put("customers_every_seconds", request.stream().customersEvery().toSeconds());
    line.put("as_of", request.fixedAsOf() == null ? "yesterday (UTC), moving on with the calendar"
        : request.fixedAsOf().toString());
    line.put("pre_images", preImages(request));
    return line;
  }

  /**
   * Whether {@code orders} keeps pre-images (MongoDB 6.0+): with them a delete, a replace or a
   * corrected {@code created_at} touches exactly the months involved; without, every month.
   */
  private static String preImages(StreamRequest request) {
    try {
      Document collection = MongoClientCache.get(request.mongo().readUri()).getDatabase(request.mongo().database())
          .listCollections().filter(new Document("name", SourceCollections.ORDERS)).first();
      Document options = collection == null ? null : collection.get("options", Document.class);
      Document preImages = options == null ? null : options.get("changeStreamPreAndPostImages", Document.class);
      boolean enabled = preImages != null && Boolean.TRUE.equals(preImages.getBoolean("enabled"));
      if (!enabled) {
        LOG.warn("orders keeps no pre-images: a delete, a replace or a corrected created_at makes the stream "
            + "recompute every month that holds analytics (docs/OPERATIONS.md, 6)");
      }
      return enabled ? "enabled" : "disabled";
    } catch (RuntimeException e) {
      return "unknown (" + Secrets.mask(e.getMessage()) + ")";
    }
  }

  private static <T extends Throwable> Optional<T> cause(Throwable error, Class<T> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return Optional.of(type.cast(cause));
      }
    }
    return Optional.empty();
  }
}
