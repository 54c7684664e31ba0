package io.shopanalytics.jobs.analytics;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What a run cached, released when it ends, however it ends: last kept, first released. */
final class RunResources implements AutoCloseable {
  private final Deque<AutoCloseable> kept = new ArrayDeque<>();

  <T extends AutoCloseable> T keep(T resource) {
    kept.push(resource);
    return resource;
  }

  Dataset<Row> keep(Dataset<Row> cached) {
    kept.push(cached::unpersist);
    return cached;
  }

  @Override
  public void close() throws Exception {
    Exception failure = null;
    while (!kept.isEmpty()) {
      try {
        kept.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
