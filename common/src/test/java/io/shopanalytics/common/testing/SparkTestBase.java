package io.shopanalytics.common.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;

/** Base of tests that run Spark: {@link #spark} is the JVM's shared {@link LocalSpark} session. */
public abstract class SparkTestBase {
  protected static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.session();
  }
}
