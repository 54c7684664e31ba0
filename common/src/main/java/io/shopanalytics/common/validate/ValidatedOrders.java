package io.shopanalytics.common.validate;

import io.shopanalytics.common.model.OrderSchema;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Every order read, validated once and cached for the run, with the tally of the read: orders read
 * and rejects by reason (docs/CONTRACT.md, "Which orders count").
 */
public final class ValidatedOrders implements AutoCloseable {
  private final Dataset<Row> rows;
  private final long read;
  private final Map<String, Long> rejects;

  private ValidatedOrders(Dataset<Row> rows, long read, Map<String, Long> rejects) {
    this.rows = rows;
    this.read = read;
    this.rejects = Collections.unmodifiableMap(rejects);
  }

  /** Validates and caches {@code raw} (rows of {@link OrderSchema#RAW}), counting as it fills the cache. */
  public static ValidatedOrders of(Dataset<Row> raw) {
    Dataset<Row> rows = OrderValidation.validate(raw).persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, Long> rejects = new TreeMap<>();
    long read = 0;
    for (Row row : rows.groupBy(OrderSchema.REJECT_REASON).count().collectAsList()) {
      read += row.getLong(1);
      if (!row.isNullAt(0)) {
        rejects.put(row.getString(0), row.getLong(1));
      }
    }
    return new ValidatedOrders(rows, read, rejects);
  }

  /** Rows of {@link OrderSchema#VALIDATED}, rejects included. */
  public Dataset<Row> rows() {
    return rows;
  }

  public long read() {
    return read;
  }

  /** Rejects by reason, in reason order. */
  public Map<String, Long> rejects() {
    return rejects;
  }

  public long rejectsTotal() {
    return rejects.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public void close() {
    rows.unpersist();
  }
}
