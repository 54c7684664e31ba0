package io.shopanalytics.common.incremental;

import io.shopanalytics.common.mongo.SourceCollections;
import static org.apache.spark.sql.functions.col;

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
import io.shopanalytics.common.sink.BulkWrites;
import java.io.Serializable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
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

  /** @param validated every order the run read ({@code OrderSchema.VALIDATED}) */
  public Outcome mark(Dataset<Row> validated) {
    Dataset<Row> unprocessed = validated.where(col(OrderSchema.ANALYTICS_PROCESSED).equalTo(false))
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
