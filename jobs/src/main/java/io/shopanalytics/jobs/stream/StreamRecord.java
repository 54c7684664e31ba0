package io.shopanalytics.jobs.stream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.sink.AnalyticsIndexes;
import io.shopanalytics.common.sink.Retries;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.bson.Document;

/**
 * The stream's own record in {@code analytics_runs} (docs/CONTRACT.md, 15): {@code running} with its
 * progress (batches, changes, the last batch's line, a heartbeat) replaced after every batch, then
 * {@code stopped} or {@code failed}. Each micro-batch that recomputed something also has the record
 * of its run, which names the stream's. A stream killed outright leaves its record {@code running},
 * its heartbeat telling when it was last seen.
 */
final class StreamRecord {
  private static final Logger LOG = LogManager.getLogger(StreamRecord.class);

  private final MongoSettings settings;
  private final String streamRunId;
  private final Instant startedAt;
  private final Document fixed;
  private long batches;
  private long changes;
  private Map<String, Object> lastBatch;

  StreamRecord(MongoSettings settings, String streamRunId, Instant startedAt, String checkpoint, String version,
      String appId) {
    this.settings = settings;
    this.streamRunId = streamRunId;
    this.startedAt = startedAt;
    this.fixed = new Document("checkpoint", checkpoint).append("version", version).append("app_id", appId);
  }

  synchronized void started() throws InterruptedException {
    Retries.run("creating the indexes of " + AnalyticsIndexes.RUNS, settings.writeMaxRetries(), () -> {
      AnalyticsIndexes.ensure(MongoClientCache.get(settings.writeUri()).getDatabase(settings.database()),
          AnalyticsIndexes.RUNS);
      return null;
    });
    save("running", startedAt, null, null);
  }

  synchronized void batch(Map<String, Object> line, long batchChanges, Instant at) throws InterruptedException {
    batches++;
    changes += batchChanges;
    lastBatch = line;
    save("running", at, null, null);
  }

  /** The final record; a failure to write it is logged, never put in place of the stream's own outcome. */
  synchronized void finished(String status, Instant at, String error) {
    try {
      save(status, at, at, error);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("The record of stream {} stays as it was: {}", streamRunId, e.getMessage());
    }
  }

  private void save(String status, Instant heartbeat, Instant finishedAt, String error) throws InterruptedException {
    Document record = new Document("_id", streamRunId)
        .append("job", "stream")
        .append("status", status)
        .append("mode", "stream")
        .append("started_at", Date.from(startedAt))
        .append("finished_at", finishedAt == null ? null : Date.from(finishedAt))
        .append("heartbeat_at", Date.from(heartbeat))
        .append("batches", batches)
        .append("changes", changes)
        .append("last_batch", lastBatch == null ? null : new Document(lastBatch))
        .append("error", error);
    record.putAll(fixed);
    MongoCollection<Document> runs = MongoClientCache.get(settings.writeUri()).getDatabase(settings.database())
        .getCollection(AnalyticsIndexes.RUNS).withWriteConcern(settings.writeConcernObject());
    Retries.run("recording stream " + streamRunId + " in " + AnalyticsIndexes.RUNS, settings.writeMaxRetries(),
        () -> runs.replaceOne(Filters.eq("_id", streamRunId), record, new ReplaceOptions().upsert(true)));
  }
}
