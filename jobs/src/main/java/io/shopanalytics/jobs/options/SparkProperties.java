package io.shopanalytics.jobs.options;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import scala.Tuple2;

/** The Spark properties spark-submit passed to the driver (system properties), read without starting Spark. */
public final class SparkProperties {
  private SparkProperties() {}

  public static Map<String, String> submitted() {
    Map<String, String> conf = new HashMap<>();
    for (Tuple2<String, String> entry : new SparkConf().getAll()) {
      conf.put(entry._1(), entry._2());
    }
    return conf;
  }
}
