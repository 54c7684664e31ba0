package io.shopanalytics.devserver;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import java.util.Optional;

/**
 * The stand-in's oplog (mongo-java-server's own, kept in {@code local.oplog.rs}) with a bounded
 * history, as MongoDB's capped oplog has: beyond {@code maxEntries} the oldest entries are removed,
 * and a change stream asked to resume from a point no longer retained fails with
 * ChangeStreamHistoryLost (286), as MongoDB's does. Without a bound (0) nothing is ever removed and
 * every resume point stays valid, which MongoDB never promises.
 */
final class BoundedOplog implements Oplog {
  static final int CHANGE_STREAM_HISTORY_LOST = 286;
  private static final String TIMESTAMP = "ts";

  private final Oplog oplog;
  private final MongoCollection<?> entries;
  private final long maxEntries;
  private long addedSinceTrim;
  /** The oldest entry still held once something was removed; null while the history is whole. */
  private volatile BsonTimestamp oldestRetained;

  /**
   * @param oplog the server's own oplog, which writes its entries into {@code entries}
   * @param maxEntries entries kept, 0 for all
   */
  BoundedOplog(Oplog oplog, MongoCollection<?> entries, long maxEntries) {
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries must be 0 (unbounded) or more, got " + maxEntries);
    }
    this.oplog = oplog;
    this.entries = entries;
    this.maxEntries = maxEntries;
  }

  @Override
  public void handleInsert(String namespace, List<Document> documents) {
    oplog.handleInsert(namespace, documents);
    added(documents.size());
  }

  @Override
  public void handleUpdate(String namespace, Document selector, Document query, List<Object> modifiedIds) {
    oplog.handleUpdate(namespace, selector, query, modifiedIds);
    added(modifiedIds.size());
  }

  @Override
  public void handleDelete(String namespace, Document query, List<Object> deletedIds) {
    oplog.handleDelete(namespace, query, deletedIds);
    added(deletedIds.size());
  }

  @Override
  public void handleDropCollection(String namespace) {
    oplog.handleDropCollection(namespace);
    added(1);
  }

  @Override
  public Cursor createCursor(Document changeStream, String namespace, Aggregation aggregation) {
    BsonTimestamp oldest = oldestRetained;
    if (oldest != null) {
      resumePoint(changeStream).filter(point -> point.compareTo(oldest) < 0).ifPresent(point -> {
        throw new MongoServerError(CHANGE_STREAM_HISTORY_LOST, "ChangeStreamHistoryLost",
            "Resume of change stream was not possible, as the resume point may no longer be in the oplog.");
      });
    }
    return oplog.createCursor(changeStream, namespace, aggregation);
  }

  /** Where the change stream asks to start: its resume token's position, or its operation time. */
  private static Optional<BsonTimestamp> resumePoint(Document changeStream) {
    for (String option : List.of("resumeAfter", "startAfter")) {
      Object token = changeStream.get(option);
      if (token instanceof Document document && document.get("_data") instanceof String data) {
        // the stand-in's tokens are the hexadecimal value of the entry's timestamp
        return Optional.of(new BsonTimestamp(Long.parseUnsignedLong(data, 16)));
      }
    }
    return Optional.ofNullable((BsonTimestamp) changeStream.get("startAtOperationTime"));
  }

  private synchronized void added(int count) {
    if (maxEntries == 0) {
      return;
    }
    addedSinceTrim += count;
    // trimming sorts the timestamps: done once a tenth of the bound has come in, not per entry
    if (addedSinceTrim > Math.max(1, maxEntries / 10)) {
      trim();
      addedSinceTrim = 0;
    }
  }

  /** Removes the oldest entries beyond the bound; the first one kept becomes the oldest resume point. */
  synchronized void trim() {
    long excess = entries.count() - maxEntries;
    if (excess <= 0) {
      return;
    }
    BsonTimestamp cutoff = entries.queryAllAsStream()
        .map(entry -> (BsonTimestamp) entry.get(TIMESTAMP))
        .sorted()
        .skip(excess)
        .findFirst()
        .orElseThrow();
    entries.deleteDocuments(new Document(TIMESTAMP, new Document("$lt", cutoff)), 0);
    oldestRetained = cutoff;
  }
}
