package io.shopanalytics.common.source;

import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads orders so that no chunk migration goes unnoticed: the read is materialized, and when the
 * sharding metadata changed meanwhile, the result is released, the read re-planned and done again.
 * A bounded number of attempts keeps a busy balancer from holding a run forever.
 */
public final class StableRead {
  private static final Logger LOG = LogManager.getLogger(StableRead.class);
  /** Reads allowed when chunks migrate during the read. */
  public static final int MAX_ATTEMPTS = 3;

  private StableRead() {}

  /**
   * @param materialize turns the raw read into its cached result (and runs it)
   * @param release frees a result that a migration made stale
   */
  public static <T> T read(SparkSession spark, OrdersSource orders, Function<Dataset<Row>, T> materialize,
      Consumer<T> release) {
    for (int attempt = 1; ; attempt++) {
      T result = materialize.apply(orders.read(spark));
      if (!orders.metadataChangedSincePlan()) {
        return result;
      }
      release.accept(result);
      if (attempt >= MAX_ATTEMPTS) {
        throw new IllegalStateException("Chunks of orders kept migrating during the read (" + attempt
            + " attempts): run again when the balancer is quiet, or stop it for the run's window");
      }
      LOG.warn("Chunk metadata of orders changed during the read (attempt {}): planning and reading again", attempt);
      orders.replan();
    }
  }
}
