package io.shopanalytics.jobs.analytics.transform;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Datasets a run reads more than once, cached for the run and released together at its end, so
 * that a transform can cache an intermediate result without leaking it.
 */
public final class RunCache implements AutoCloseable {
  private final List<Dataset<Row>> cached = new ArrayList<>();

  /** Caches {@code rows} until {@link #close()}. */
  public synchronized Dataset<Row> keep(Dataset<Row> rows) {
    Dataset<Row> persisted = rows.persist(StorageLevel.MEMORY_AND_DISK());
    cached.add(persisted);
    return persisted;
  }

  @Override
  public synchronized void close() {
    cached.forEach(Dataset::unpersist);
    cached.clear();
  }
}
