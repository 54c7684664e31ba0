package io.shopanalytics.jobs.analytics;

import io.shopanalytics.common.run.JobLabels;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.apache.spark.sql.SparkSession;

/**
 * The run's {@link ReferenceData}, read into the cache in a thread of its own while the driver
 * plans the orders' read. The plan is the driver waiting on MongoDB (the chunks, or one sorted
 * stream of the orders' {@code _id}s), with every task slot idle; products and users are other
 * collections, so their planning and read take that time rather than slots and seconds of the
 * orders' read (docs/PERFORMANCE.md, 1).
 *
 * <p>Closing it stops a read still running (its Spark jobs are cancelled, its thread interrupted),
 * waits for its thread, and releases what it cached.
 */
final class ReferenceRead implements AutoCloseable {
  static final String THREAD_NAME = "analytics-reference-read";
  static final String JOB_GROUP = "REFERENCE";

  private final SparkSession spark;
  private final FutureTask<ReferenceData> read;
  private final Thread thread;
  /** What the read cached, once it succeeded; released on close. */
  private volatile ReferenceData cached;

  private ReferenceRead(SparkSession spark, Callable<ReferenceData> reading) {
    this.spark = spark;
    this.read = new FutureTask<>(() -> {
      JobLabels.label(spark.sparkContext(), JOB_GROUP, "REFERENCE products, users", "default");
      try {
        cached = reading.call();
        return cached;
      } finally {
        JobLabels.clear(spark.sparkContext());
      }
    });
    this.thread = new Thread(read, THREAD_NAME);
    thread.setDaemon(true);
  }

  static ReferenceRead start(SparkSession spark, RunRequest request) {
    return start(spark, () -> ReferenceData.cached(spark, request));
  }

  /** @param read reads and caches the reference data, in the new thread */
  static ReferenceRead start(SparkSession spark, Callable<ReferenceData> read) {
    ReferenceRead started = new ReferenceRead(spark, read);
    started.thread.start();
    return started;
  }

  /** Waits for the read; its own failure, if it failed. */
  ReferenceData await() throws Exception {
    try {
      return read.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (!read.isDone()) {
      spark.sparkContext().cancelJobGroup(JOB_GROUP);
      thread.interrupt();
    }
    thread.join();
    if (cached != null) {
      cached.release();
    }
  }
}
