package io.shopanalytics.common.run;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The SparkSession every job uses, with the settings the analytics depend on. */
public final class SparkSessions {
  /** Periods and days are UTC calendar units; date functions follow the session time zone. */
  public static final String TIME_ZONE = "UTC";
  /** Spark's own redaction of configuration values in its UI and logs, extended to connection strings. */
  public static final String REDACTION_REGEX = "(?i)secret|password|token|access[.]key|connection[.]uri|uri$";

  private SparkSessions() {}

  /**
   * Gets or creates the session of {@code spark-submit}; the master comes from it, never from code,
   * and so does the application name when one is set (--name, which a scheduler uses to find its
   * application): {@code appName} is only the default.
   */
  public static SparkSession getOrCreate(String appName) {
    SparkConf conf = new SparkConf();
    SparkSession.Builder builder = SparkSession.builder();
    setIfAbsent(builder, conf, "spark.app.name", appName);
    setIfAbsent(builder, conf, "spark.scheduler.mode", "FAIR");
    setIfAbsent(builder, conf, "spark.redaction.regex", REDACTION_REGEX);
    return configure(builder.getOrCreate());
  }

  /** Applies the session-level settings; safe on an existing session (tests share one). */
  public static SparkSession configure(SparkSession spark) {
    spark.conf().set("spark.sql.session.timeZone", TIME_ZONE);
    return spark;
  }

  private static void setIfAbsent(SparkSession.Builder builder, SparkConf conf, String key, String value) {
    if (!conf.contains(key)) {
      builder.config(key, value);
    }
  }
}
