package io.shopanalytics.jobs.stream;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.shopanalytics.common.changes.OrderChange;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one micro-batch's changes touch: the months whose product and sales analytics count an
 * order before or after its change, whether any change's earlier month is unknown, and the oldest
 * order date involved (customer analytics count orders up to their as-of day). Changes that only
 * marked orders processed touch nothing. Computed by Spark over the batch's rows; only the totals
 * and the months reach the driver.
 *
 * @param operations changes per operation (insert, update, replace, delete)
 * @param ignored changes that changed no figure (an order marked processed)
 * @param priorUnknown changes whose order's earlier month cannot be told (no pre-image)
 * @param earliestOrderDate the oldest created_at before or after a change, null when none is a date
 * @param newestChange the newest change's time (wall time, else cluster time), null without changes
 * @param newestClusterTime the newest change's cluster time (a BSON timestamp's value), 0 without
 *     changes: the batch's reads must see at least it
 */
record ChangedScope(long changes, Map<String, Long> operations, long ignored, long priorUnknown,
    SortedSet<Period> months, Instant earliestOrderDate, Instant newestChange, long newestClusterTime) {

  static ChangedScope of(Dataset<Row> batch) {
    Column relevant = col(OrderChange.RELEVANT);
    Row totals = batch.agg(
            count(lit(1)),
            sum(when(not(relevant), 1L).otherwise(0L)),
            sum(when(relevant.and(col(OrderChange.PRIOR).equalTo(OrderChange.Prior.UNKNOWN.name())), 1L).otherwise(0L)),
            collect_set(when(relevant, col(OrderChange.PERIOD_BEFORE))),
            collect_set(when(relevant, col(OrderChange.PERIOD_AFTER))),
            min(when(relevant, least(col(OrderChange.CREATED_AT_BEFORE), col(OrderChange.CREATED_AT_AFTER)))),
            max(coalesce(col(OrderChange.WALL_TIME), col(OrderChange.CLUSTER_TIME))),
            max(col(OrderChange.CLUSTER_TIME_VALUE)))
        .first();
    Map<String, Long> operations = new TreeMap<>();
    for (Row row : batch.groupBy(OrderChange.OPERATION).count().collectAsList()) {
      operations.put(row.getString(0), row.getLong(1));
    }
    SortedSet<Period> months = new TreeSet<>();
    for (int column : new int[] {3, 4}) {
      totals.<String>getList(column).forEach(id -> months.add(Period.parse(id)));
    }
    return new ChangedScope(totals.getLong(0), operations, totals.isNullAt(1) ? 0 : totals.getLong(1),
        totals.isNullAt(2) ? 0 : totals.getLong(2), months, instant(totals, 5), instant(totals, 6),
        totals.isNullAt(7) ? 0 : totals.getLong(7));
  }

  private static Instant instant(Row row, int column) {
    return row.isNullAt(column) ? null : ((Timestamp) row.get(column)).toInstant();
  }

  /**
   * Whether customer analytics as of {@code asOf} may have changed: a change to an order dated up
   * to that day, or one whose earlier date is unknown.
   */
  boolean touchesCustomers(AsOf asOf) {
    return priorUnknown > 0 || earliestOrderDate != null && earliestOrderDate.isBefore(asOf.endExclusive());
  }
}
