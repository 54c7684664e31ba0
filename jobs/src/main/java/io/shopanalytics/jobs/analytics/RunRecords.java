package io.shopanalytics.jobs.analytics;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.run.RunContext;
import io.shopanalytics.common.run.RunSummary;
import io.shopanalytics.common.sink.AnalyticsIndexes;
import io.shopanalytics.common.sink.Retries;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.bson.Document;

/**
 * {@code analytics_runs} (docs/CONTRACT.md): each run's record, inserted with status
 * {@code running} before it takes its leases and replaced when it ends. Both are built from the run
 * summary by one method, so the record and the summary line never disagree. A run killed outright
 * leaves its record {@code running}, beside its lease running out. A TTL index on
 * {@code started_at} keeps {@link AnalyticsIndexes#RUNS_RETENTION}.
 */
final class RunRecords {
  private static final Logger LOG = LogManager.getLogger(RunRecords.class);
  private static final String VERSION = Optional.ofNullable(RunRecords.class.getPackage().getImplementationVersion())
      .orElse("dev");

  private final MongoSettings settings;
  private final RunContext run;
  private final String appId;

  RunRecords(MongoSettings settings, RunContext run, String appId) {
    this.settings = settings;
    this.run = run;
    this.appId = appId;
  }

  private MongoCollection<Document> runs() {
    return MongoClientCache.get(settings.writeUri()).getDatabase(settings.database())
        .getCollection(AnalyticsIndexes.RUNS).withWriteConcern(settings.writeConcernObject());
  }

  /** The record of a run that has started; fails the run if it cannot be written. */
  void started(RunSummary summary) throws InterruptedException {
    MongoDatabase database = MongoClientCache.get(settings.writeUri()).getDatabase(settings.database());
    String namespace = settings.database() + "." + AnalyticsIndexes.RUNS;
    Retries.run("creating the indexes of " + namespace, settings.writeMaxRetries(), () -> {
      AnalyticsIndexes.ensure(database, AnalyticsIndexes.RUNS);
      return null;
    });
    save(record(summary.toMap(), null), "recording the start of run " + run.runId() + " in " + namespace);
  }

  /** The final record; a failure to write it is logged, never put in place of the run's own outcome. */
  void finished(RunSummary summary, Instant finishedAt) {
    try {
      save(record(summary.toMap(), finishedAt), "recording the end of run " + run.runId() + " in "
          + settings.database() + "." + AnalyticsIndexes.RUNS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("The record of run {} stays as it was: {}", run.runId(), e.getMessage());
    }
  }

  private void save(Document record, String action) throws InterruptedException {
    Retries.run(action, settings.writeMaxRetries(),
        () -> runs().replaceOne(Filters.eq("_id", run.runId()), record, new ReplaceOptions().upsert(true)));
  }

  private Document record(Map<String, Object> summary, Instant finishedAt) {
    return new Document("_id", run.runId())
        .append("job", summary.get("job"))
        .append("status", summary.get("status"))
        .append("mode", summary.get("mode"))
        .append("periods", summary.get("periods"))
        .append("as_of", summary.get("as_of"))
        .append("started_at", Date.from(run.runTime()))
        .append("finished_at", finishedAt == null ? null : Date.from(finishedAt))
        .append("orders_read", ((Number) summary.getOrDefault("orders_read", 0L)).longValue())
        .append("rejects", summary.getOrDefault("rejects", Map.of()))
        .append("rejects_total", ((Number) summary.getOrDefault("rejects_total", 0L)).longValue())
        .append("collections", summary.getOrDefault("collections", Map.of()))
        .append("shards", summary.getOrDefault("shards", Map.of()))
        .append("shard_imbalance", summary.get("shard_imbalance"))
        .append("app_id", summary.getOrDefault("app_id", appId))
        .append("version", summary.getOrDefault("version", VERSION))
        .append("error", summary.get("error"))
        .append("skipped", summary.getOrDefault("skipped", Map.of()))
        .append("stream", summary.get("stream"));
  }
}
