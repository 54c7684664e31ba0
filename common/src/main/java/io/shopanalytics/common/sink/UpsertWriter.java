package io.shopanalytics.common.sink;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.lease.WriteFence;
import io.shopanalytics.common.mongo.MongoClientCache;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;
import org.bson.io.BasicOutputBuffer;

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
 * <p>Stale documents: after all rows are written, documents of the recomputed scope that this run
 * did not write are removed. Which ones, and how writes are kept from overwriting a newer run's,
 * is the {@link WriteFence}'s: under leases, by the fencing token every document carries.
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
   * @param fence the leases the writes are made under, and the scope this run recomputed in full
   *     (removal of stale documents)
   */
  public WriteOutcome upsert(Dataset<Row> rows, String collection, List<String> keyFields, Set<String> idFields,
      Instant runTime, WriteFence fence) throws InterruptedException {
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
    RowBson converter = new RowBson(idFields);
    List<String> keys = List.copyOf(keyFields);
    ForeachPartitionFunction<Row> writePartition =
        partition -> writePartition(partition, collection, keys, converter, runDate, fence, written);
    rows.foreachPartition(writePartition);

    MongoCollection<Document> target = database.getCollection(collection)
        .withWriteConcern(settings.writeConcernObject());
    long removed = 0;
    Bson stale = fence.stale(runDate);
    if (stale != null) {
      fence.verifyAll();
      removed = Retries.run("removing stale documents of " + namespace, retries,
          () -> target.deleteMany(stale).getDeletedCount());
    }
    Bson scope = fence.scope();
    Bson insertedFilter = scope == null ? Filters.eq(CREATED_AT, runDate)
        : Filters.and(scope, Filters.eq(CREATED_AT, runDate));
    long inserted = Retries.run("counting the documents inserted into " + namespace, retries,
        () -> target.countDocuments(insertedFilter));
    long total = written.value();
    WriteOutcome outcome = new WriteOutcome(collection, total, inserted, total - inserted, removed);
    LOG.info("{}: {} documents written ({} inserted, {} updated), {} stale removed", collection, total, inserted,
        total - inserted, removed);
    return outcome;
  }

  private void writePartition(Iterator<Row> rows, String collection, List<String> keyFields, RowBson converter,
      Date runDate, WriteFence fence, LongAccumulator written) throws InterruptedException {
    MongoCollection<Document> target = MongoClientCache.get(settings.writeUri())
        .getDatabase(settings.database())
        .getCollection(collection)
        .withWriteConcern(settings.writeConcernObject());
    Set<String> keyNames = Set.copyOf(keyFields);
    try (BatchesInFlight inFlight = new BatchesInFlight(settings.writeBatchesInFlight(), collection)) {
      List<WriteModel<Document>> batch = new ArrayList<>(settings.writeBatchSize());
      List<Document> keys = new ArrayList<>(settings.writeBatchSize());
      while (rows.hasNext()) {
        Row row = rows.next();
        Document key = keyOf(row, keyFields, converter);
        keys.add(key);
        Long token = fence.fenced() ? fence.token(fence.scopeField() == null ? null : key.get(fence.scopeField())) : null;
        Bson filter = token == null ? key : fence.guard(key, token);
        batch.add(new UpdateOneModel<>(filter, update(row, keyNames, converter, token, runDate),
            new UpdateOptions().upsert(true)));
        if (batch.size() == settings.writeBatchSize()) {
          inFlight.send(bulkWrite(target, batch, keys, fence));
          batch = new ArrayList<>(settings.writeBatchSize());
          keys = new ArrayList<>(settings.writeBatchSize());
        }
      }
      if (!batch.isEmpty()) {
        inFlight.send(bulkWrite(target, batch, keys, fence));
      }
      written.add(inFlight.awaitAll());
    }
  }

  private static Document keyOf(Row row, List<String> keyFields, RowBson converter) {
    Document key = new Document();
    for (String field : keyFields) {
      key.append(field, converter.keyValue(field, row.get(row.fieldIndex(field))));
    }
    return key;
  }

  /**
   * {@code {$set: the row's other fields, lease_token, updated_at; $setOnInsert: created_at}}, encoded
   * once as bytes the driver sends as they are.
   */
  private static RawBsonDocument update(Row row, Set<String> keyFields, RowBson converter, Long token, Date runDate) {
    BasicOutputBuffer buffer = new BasicOutputBuffer(512);
    try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
      writer.writeStartDocument();
      writer.writeStartDocument("$set");
      converter.writeFields(writer, row, keyFields);
      if (token != null) {
        writer.writeInt64(WriteFence.TOKEN, token);
      }
      writer.writeDateTime(UPDATED_AT, runDate.getTime());
      writer.writeEndDocument();
      writer.writeStartDocument("$setOnInsert");
      writer.writeDateTime(CREATED_AT, runDate.getTime());
      writer.writeEndDocument();
      writer.writeEndDocument();
    }
    return new RawBsonDocument(buffer.getInternalBuffer(), 0, buffer.getPosition());
  }

  /** Every attempt first checks the batch's leases: a retry after a fenced upsert's duplicate key stops there. */
  private Callable<Integer> bulkWrite(MongoCollection<Document> target, List<WriteModel<Document>> batch,
      List<Document> keys, WriteFence fence) {
    int size = batch.size();
    return () -> {
      BulkWrites.write(target, batch, settings.writeMaxRetries(), () -> fence.verify(keys));
      return size;
    };
  }
}
