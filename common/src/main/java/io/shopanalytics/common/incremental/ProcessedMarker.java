package io.shopanalytics.common.incremental;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.model.Ids;
import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.mongo.SourceCollections;
import io.shopanalytics.common.sink.BulkWrites;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Sets {@code analytics_processed: true} on the orders a run read while they were unprocessed, and
 * only if they have not changed since: each update matches the order's {@code _id} and the
 * {@code updated_at} the run saw, so an order the application changed during the run (it resets
 * the flag with its update) stays unprocessed for the next run.
 *
 * <p>Only the versions the aggregates used are marked. The marking job reads the validated orders
 * again; if Spark lost a cached partition it recomputes it from MongoDB, and could then see a
 * version changed after the aggregates were computed, and match it. So an order is marked only if
 * its {@code updated_at} is not after the moment the run's read started: a newer version is left
 * for the next run.
 *
 * <p>Callers hand over only the orders of the months the run recomputed (and rejects, which count
 * in no month): a run that also read other months, for customer analytics, did not recompute their
 * product and sales analytics, and an order of theirs that is unprocessed must stay so until a run
 * recomputes its month.
 */
public final class ProcessedMarker implements Serializable {
  private static final long serialVersionUID = 1L;

  private final MongoSettings settings;

  public ProcessedMarker(MongoSettings settings) {
    this.settings = settings;
  }

  /** What marking did: orders marked, and orders skipped because they changed after the read. */
  public record Outcome(long candidates, long marked) {
    public long skippedChanged() {
      return candidates - marked;
    }
  }

  /**
   * @param validated every order the run read ({@code OrderSchema.VALIDATED})
   * @param readStarted when the run's read began
   */
  public Outcome mark(Dataset<Row> validated, Instant readStarted) {
    Column readBefore = col(OrderSchema.UPDATED_AT).isNull()
        .or(col(OrderSchema.UPDATED_AT).leq(lit(Timestamp.from(readStarted))));
    Dataset<Row> unprocessed = validated.where(col(OrderSchema.ANALYTICS_PROCESSED).equalTo(false).and(readBefore))
        .select(OrderSchema.ORDER_ID, OrderSchema.UPDATED_AT);
    LongAccumulator candidates = validated.sparkSession().sparkContext().longAccumulator("orders to mark");
    LongAccumulator marked = validated.sparkSession().sparkContext().longAccumulator("orders marked");
    ForeachPartitionFunction<Row> markPartition = rows -> markAll(rows, candidates, marked);
    unprocessed.foreachPartition(markPartition);
    return new Outcome(candidates.value(), marked.value());
  }

  private void markAll(Iterator<Row> rows, LongAccumulator candidates, LongAccumulator marked)
      throws InterruptedException {
    MongoCollection<Document> orders = MongoClientCache.get(settings.writeUri())
        .getDatabase(settings.database())
        .getCollection(SourceCollections.ORDERS)
        .withWriteConcern(settings.writeConcernObject());
    List<WriteModel<Document>> batch = new ArrayList<>(settings.writeBatchSize());
    long seen = 0;
    long matched = 0;
    while (rows.hasNext()) {
      Row row = rows.next();
      batch.add(new UpdateOneModel<>(unchanged(row), Updates.set(OrderSchema.ANALYTICS_PROCESSED, true)));
      seen++;
      if (batch.size() == settings.writeBatchSize() || !rows.hasNext()) {
        BulkWriteResult result = BulkWrites.write(orders, batch, settings.writeMaxRetries());
        matched += result == null ? 0 : result.getMatchedCount();
      }
    }
    candidates.add(seen);
    marked.add(matched);
  }

  /** The order as the run read it: same id, same updated_at (or still none). */
  private static Bson unchanged(Row row) {
    Bson id = Filters.eq("_id", Ids.decode(row.getString(0)));
    Timestamp updatedAt = row.isNullAt(1) ? null : row.getTimestamp(1);
    return Filters.and(id, Filters.eq(OrderSchema.UPDATED_AT, updatedAt == null ? null : new Date(updatedAt.getTime())));
  }
}
