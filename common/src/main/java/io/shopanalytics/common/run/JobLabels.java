package io.shopanalytics.common.run;

import org.apache.spark.SparkContext;

/**
 * Labels the Spark jobs of the current thread, so that the Spark UI tells the run's story
 * ({@code PRODUCT-ANALYTICS periods=2024-11}), and puts them in a FAIR scheduler pool.
 */
public final class JobLabels {
  private JobLabels() {}

  public static void label(SparkContext context, String group, String description, String pool) {
    context.setJobGroup(group, description, false);
    context.setLocalProperty("spark.scheduler.pool", pool);
  }

  public static void clear(SparkContext context) {
    context.clearJobGroup();
    context.setLocalProperty("spark.scheduler.pool", null);
  }
}
