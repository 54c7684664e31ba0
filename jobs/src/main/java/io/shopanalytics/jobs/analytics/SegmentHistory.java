package io.shopanalytics.jobs.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.lease.WriteFence;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.sink.AnalyticsIndexes;
import io.shopanalytics.common.sink.Retries;
import io.shopanalytics.common.sink.UpsertWriter;
import io.shopanalytics.common.sink.WriteOutcome;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.jobs.analytics.transform.CustomerAnalyticsTransform;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * {@code customer_segment_history} (docs/CONTRACT.md): one document per as-of day, the
 * segments' sizes, average R, F, M scores and revenue of the customer rows a run produced. Written
 * even when the snapshot itself is skipped, so that a backfill over past months builds the history.
 * The aggregation is one small Spark job (at most six rows come back).
 */
final class SegmentHistory {
  private static final String SEGMENT = "customer_segment";
  private static final List<String> SCORES = List.of("recency", "frequency", "monetary");
  private static final String REVENUE = "revenue";

  private SegmentHistory() {}

  /** Per segment: customers, the sums of the three scores, and the revenue. */
  static Document of(Dataset<Row> customers, AsOf asOf) {
    List<Row> perSegment = customers.groupBy(col(SEGMENT)).agg(count(lit(1)).as("customers"),
            sum("rfm_score.recency").as("recency"), sum("rfm_score.frequency").as("frequency"),
            sum("rfm_score.monetary").as("monetary"), sum("lifetime_metrics.total_spent").as(REVENUE))
        .collectAsList();
    Map<String, Row> bySegment = new HashMap<>();
    perSegment.forEach(row -> bySegment.put(row.getString(0), row));
    long total = 0;
    Map<String, Long> scoreSums = new HashMap<>();
    Document segments = new Document();
    Document revenue = new Document();
    for (String segment : CustomerAnalyticsTransform.SEGMENTS) {
      Row row = bySegment.get(segment);
      long customersInSegment = row == null ? 0L : row.getLong(1);
      total += customersInSegment;
      segments.append(segment, customersInSegment);
      for (int i = 0; i < SCORES.size(); i++) {
        scoreSums.merge(SCORES.get(i), row == null ? 0L : row.getLong(2 + i), Long::sum);
      }
      BigDecimal spent = row == null || row.isNullAt(5) ? BigDecimal.ZERO : row.getDecimal(5);
      revenue.append(segment, new Decimal128(spent.setScale(2, RoundingMode.HALF_EVEN)));
    }
    Document averages = new Document();
    for (String score : SCORES) {
      averages.append(score, total == 0 ? null : BigDecimal.valueOf(scoreSums.get(score))
          .divide(BigDecimal.valueOf(total), 2, RoundingMode.HALF_EVEN).doubleValue());
    }
    return new Document("as_of", Date.from(asOf.start())).append("customers", total).append("segments", segments)
        .append("average_scores", averages).append("revenue_by_segment", revenue);
  }

  /** Upserts the as-of's document (created_at kept) under the customer lease. */
  static WriteOutcome write(MongoSettings settings, Document history, AsOf asOf, Instant runTime, WriteFence fence)
      throws InterruptedException {
    MongoCollection<Document> target = MongoClientCache.get(settings.writeUri()).getDatabase(settings.database())
        .getCollection(AnalyticsIndexes.SEGMENT_HISTORY).withWriteConcern(settings.writeConcernObject());
    Document key = new Document("_id", asOf.toString());
    Document fields = new Document(history).append(UpsertWriter.UPDATED_AT, Date.from(runTime));
    Document update = new Document("$set", fields)
        .append("$setOnInsert", new Document(UpsertWriter.CREATED_AT, Date.from(runTime)));
    boolean inserted = Retries.run("writing the segment history to " + settings.database() + "."
        + AnalyticsIndexes.SEGMENT_HISTORY, settings.writeMaxRetries(), () -> {
          try {
            fence.verify(List.of(key));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted before writing the segment history", e);
          }
          return target.updateOne(fence.guard(key, fields), update, new UpdateOptions().upsert(true))
              .getUpsertedId() != null;
        });
    return new WriteOutcome(AnalyticsIndexes.SEGMENT_HISTORY, 1, inserted ? 1 : 0, inserted ? 0 : 1, 0);
  }
}
