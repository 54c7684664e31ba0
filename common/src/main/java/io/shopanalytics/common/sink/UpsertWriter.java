package io.shopanalytics.common.sink;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.mongo.MongoClientCache;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Writes analytics rows as upserts keyed per docs/CONTRACT.md, from the executors, in unordered bulk
 * batches on the primary with the configured write concern.
 *
 * <p>Why not the official connector's writer: its upsert ({@code operationType=update} with an
 * {@code idFieldList}) sets every field it is given and cannot express {@code $setOnInsert}, so
 * {@code created_at} would be either lost or overwritten on every run. Here each row becomes
 * {@code {$set: fields + updated_at, $setOnInsert: created_at}} on its key.
 *
 * <p>Retries: an upsert on a unique key is idempotent, so a batch that failed for a transient
 * reason (step-down, dropped connection, write concern timeout, a concurrent upsert's duplicate
 * key) is sent again whole: applied twice, it leaves the same document.
 *
 * <p>Stale documents: every document written by a run carries that run's {@code updated_at}; after
 * all rows are written, documents of the recomputed scope with an older {@code updated_at} were
 * not produced by this run and are removed.
 */
public final class UpsertWriter implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LogManager.getLogger(UpsertWriter.class);
  public static final String CREATED_AT = "created_at";
  public static final String UPDATED_AT = "updated_at";

  private final MongoSettings settings;

  public UpsertWriter(MongoSettings settings) {
    this.settings = settings;
  }

  /**
   * @param keyFields the unique key of the collection
   * @param idFields fields holding encoded identifiers
   * @param sweepScope the scope this run recomputed in full (removal of stale documents), or null
   *     for no removal
   */
  public WriteOutcome upsert(Dataset<Row> rows, String collection, List<String> keyFields, Set<String> idFields,
      Instant runTime, Bson sweepScope) throws InterruptedException {
    MongoDatabase database = MongoClientCache.get(settings.writeUri()).getDatabase(settings.database());
    String namespace = settings.database() + "." + collection;
    int retries = settings.writeMaxRetries();
    if (AnalyticsIndexes.INDEXES.containsKey(collection)) {
      Retries.run("creating the indexes of " + namespace, retries, () -> {
        AnalyticsIndexes.ensure(database, collection);
        return null;
      });
    }
    Date runDate = new Date(runTime.toEpochMilli());
    LongAccumulator written = rows.sparkSession().sparkContext().longAccumulator(collection + " written");
    RowDocuments converter = new RowDocuments(idFields);
    List<String> keys = List.copyOf(keyFields);
    ForeachPartitionFunction<Row> writePartition =
        partition -> writePartition(partition, collection, keys, converter, runDate, written);
    rows.foreachPartition(writePartition);

    MongoCollection<Document> target = database.getCollection(collection)
        .withWriteConcern(settings.writeConcernObject());
    long removed = 0;
    if (sweepScope != null) {
      Bson stale = Filters.and(sweepScope, Filters.lt(UPDATED_AT, runDate));
      removed = Retries.run("removing stale documents of " + namespace, retries,
          () -> target.deleteMany(stale).getDeletedCount());
    }
    Bson insertedFilter = sweepScope == null ? Filters.eq(CREATED_AT, runDate)
        : Filters.and(sweepScope, Filters.eq(CREATED_AT, runDate));
    long inserted = Retries.run("counting the documents inserted into " + namespace, retries,
        () -> target.countDocuments(insertedFilter));
    long total = written.value();
    WriteOutcome outcome = new WriteOutcome(collection, total, inserted, total - inserted, removed);
    LOG.info("{}: {} documents written ({} inserted, {} updated), {} stale removed", collection, total, inserted,
        total - inserted, removed);
    return outcome;
  }

  private void writePartition(Iterator<Row> rows, String collection, List<String> keys, RowDocuments converter,
      Date runDate, LongAccumulator written) throws InterruptedException {
    MongoCollection<Document> target = MongoClientCache.get(settings.writeUri())
        .getDatabase(settings.database())
        .getCollection(collection)
        .withWriteConcern(settings.writeConcernObject());
    List<WriteModel<Document>> batch = new ArrayList<>(settings.writeBatchSize());
    long count = 0;
    while (rows.hasNext()) {
      batch.add(upsertOf(converter.toDocument(rows.next()), keys, runDate));
      if (batch.size() == settings.writeBatchSize()) {
        count += flush(target, batch);
      }
    }
    count += flush(target, batch);
    written.add(count);
  }

  private static WriteModel<Document> upsertOf(Document fields, List<String> keys, Date runDate) {
    Document key = new Document();
    for (String field : keys) {
      key.append(field, fields.remove(field));
    }
    fields.append(UPDATED_AT, runDate);
    Document update = new Document("$set", fields).append("$setOnInsert", new Document(CREATED_AT, runDate));
    return new UpdateOneModel<>(key, update, new UpdateOptions().upsert(true));
  }

  private int flush(MongoCollection<Document> target, List<WriteModel<Document>> batch) throws InterruptedException {
    int size = batch.size();
    BulkWrites.write(target, batch, settings.writeMaxRetries());
    return size;
  }
}
