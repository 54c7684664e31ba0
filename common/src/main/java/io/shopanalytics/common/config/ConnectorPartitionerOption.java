package io.shopanalytics.common.config;

import com.mongodb.spark.sql.connector.read.partitioner.Partitioner;

/**
 * The value of {@link SettingKeys#READ_CONNECTOR_PARTITIONER}: {@code auto}, or one of the official
 * connector's partitioners by simple or fully qualified class name.
 */
public final class ConnectorPartitionerOption {
  public static final String PACKAGE = "com.mongodb.spark.sql.connector.read.partitioner.";

  private ConnectorPartitionerOption() {}

  /** The value itself, once it names {@code auto} or a partitioner class of the connector. */
  static String validate(String option) {
    if (!option.equals(SettingKeys.AUTO_PARTITIONER)) {
      instantiate(className(option));
    }
    return option;
  }

  /** The class a non-{@code auto} value names. */
  public static String className(String option) {
    return option.contains(".") ? option : PACKAGE + option;
  }

  public static Partitioner instantiate(String className) {
    try {
      Object partitioner = Class.forName(className).getDeclaredConstructor().newInstance();
      if (partitioner instanceof Partitioner p) {
        return p;
      }
    } catch (ReflectiveOperationException | LinkageError e) {
      // reported below, with the key
    }
    throw new ConfigException("Invalid value for " + SettingKeys.READ_CONNECTOR_PARTITIONER + ": '" + className
        + "' is not a partitioner of the MongoDB Spark connector (expected auto, or e.g. AutoBucketPartitioner, "
        + "PaginateIntoPartitionsPartitioner, ShardedPartitioner, SinglePartitionPartitioner)");
  }
}
