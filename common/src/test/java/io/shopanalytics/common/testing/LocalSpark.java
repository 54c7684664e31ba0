package io.shopanalytics.common.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of a test JVM, shared by every test class (starting Spark takes
 * seconds; a second session in one JVM would share its SparkContext anyway). Bound to 127.0.0.1,
 * without UI, in UTC; stopped when the JVM exits. Also in the common test-jar for the jobs' tests.
 */
public final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder()
          .appName("shop-analytics-tests")
          .master("local[2]")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.session.timeZone", "UTC")
          // read partitions name shard hosts that a local executor never is: do not wait for them
          .config("spark.locality.wait", "0s")
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(LocalSpark::stop, "local-spark-stop"));
    }
    return session;
  }

  private static synchronized void stop() {
    if (session != null) {
      session.stop();
      session = null;
    }
  }
}
