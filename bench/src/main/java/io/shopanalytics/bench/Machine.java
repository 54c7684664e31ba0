package io.shopanalytics.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/** What the figures were measured on: machine, versions, Spark settings. */
final class Machine {
  private static final Pattern LOCAL_CORES = Pattern.compile("local\\[(\\d+)(,\\d+)?]");

  private Machine() {}

  static Map<String, Object> describe() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    machine.put("memory_gib", Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024) * 10) / 10.0);
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    machine.put("driver_max_heap_mb", HeapPeak.maxBytes() / (1024 * 1024));
    return machine;
  }

  static Map<String, Object> versions(SparkSession spark) {
    Map<String, Object> versions = new LinkedHashMap<>();
    versions.put("java", System.getProperty("java.version"));
    versions.put("spark", spark.version());
    versions.put("scala", scala.util.Properties.versionNumberString());
    versions.put("mongodb_driver", com.mongodb.internal.build.MongoDriverVersion.VERSION);
    versions.put("mongo_spark_connector", com.mongodb.spark.connector.Versions.VERSION);
    versions.put("mongo_java_server", jarName(de.bwaldvogel.mongo.MongoServer.class));
    versions.put("duckdb", duckdbVersion());
    return versions;
  }

  static Map<String, Object> spark(SparkSession spark) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("master", spark.sparkContext().master());
    for (String key : new String[] {"spark.sql.shuffle.partitions", "spark.sql.adaptive.enabled", "spark.scheduler.mode",
        "spark.shopanalytics.read.strategy", "spark.shopanalytics.read.partitionDocs"}) {
      settings.put(key, spark.conf().get(key, null));
    }
    return settings;
  }

  /** The cores a local master gets (local[N]); all of the machine's otherwise. */
  static int sparkCores(SparkSession spark) {
    Matcher local = LOCAL_CORES.matcher(spark.sparkContext().master());
    return local.matches() ? Integer.parseInt(local.group(1)) : Runtime.getRuntime().availableProcessors();
  }

  /** The jar a class came from: in a Maven layout its name carries the version (that jar has no version metadata). */
  private static String jarName(Class<?> type) {
    String location = String.valueOf(type.getProtectionDomain().getCodeSource().getLocation());
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static String duckdbVersion() {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
         Statement statement = connection.createStatement();
         ResultSet version = statement.executeQuery("SELECT version()")) {
      version.next();
      return version.getString(1);
    } catch (java.sql.SQLException e) {
      return "unavailable: " + e.getMessage();
    }
  }
}
