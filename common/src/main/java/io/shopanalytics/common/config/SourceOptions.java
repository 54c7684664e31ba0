package io.shopanalytics.common.config;

import io.shopanalytics.common.source.ShardBalance;
import io.shopanalytics.common.source.connector.ConnectorPartitioners;
import java.io.Serializable;
import java.util.Map;

/**
 * Settings of the read strategies, with their keys and defaults. Keys start with {@code spark.} so
 * that they can be set in a Spark properties file or with {@code --conf}, like those of
 * {@link io.shopanalytics.common.config.SettingKeys}.
 */
public final class SourceOptions implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String PREFIX = "spark.shopanalytics.read.";

  /**
   * {@code auto} picks {@code chunks} when the requested months hold at least this fraction of the
   * collection, {@code time-slices} below it. Default {@value #DEFAULT_AUTO_CHUNKS_MIN_FRACTION}:
   * chunks read every document of the collection once; time slices read only the scope through the
   * {@code created_at} index, plus their sizing counts (up to twice the scope, see
   * {@link TimeSliceSizing}), so they stop paying off around half of the collection.
   */
  public static final String AUTO_CHUNKS_MIN_FRACTION = PREFIX + "auto.chunksMinFraction";
  public static final double DEFAULT_AUTO_CHUNKS_MIN_FRACTION = 0.5;

  /**
   * The official connector's partitioner for {@code --read-strategy connector}: {@value #AUTO_PARTITIONER}
   * (AutoBucketPartitioner where {@code $collStats} works, PaginateIntoPartitionsPartitioner where it
   * does not, as on the embedded server), a class name of
   * {@code com.mongodb.spark.sql.connector.read.partitioner}, or a fully qualified class name.
   * Default {@value #DEFAULT_CONNECTOR_PARTITIONER}.
   */
  public static final String CONNECTOR_PARTITIONER = PREFIX + "connector.partitioner";
  public static final String AUTO_PARTITIONER = "auto";
  public static final String DEFAULT_CONNECTOR_PARTITIONER = AUTO_PARTITIONER;

  /**
   * Shard imbalance, {@code (max - min) / mean} of the documents read per shard, above which the run
   * logs a warning. Default {@value #DEFAULT_SHARD_IMBALANCE_ALERT} (the design's alert level).
   */
  public static final String SHARD_IMBALANCE_ALERT = PREFIX + "shardImbalanceAlert";
  public static final double DEFAULT_SHARD_IMBALANCE_ALERT = ShardBalance.ALERT;

  private final double autoChunksMinFraction;
  private final String connectorPartitioner;
  private final double shardImbalanceAlert;

  private SourceOptions(double autoChunksMinFraction, String connectorPartitioner, double shardImbalanceAlert) {
    this.autoChunksMinFraction = autoChunksMinFraction;
    this.connectorPartitioner = connectorPartitioner;
    this.shardImbalanceAlert = shardImbalanceAlert;
  }

  public static SourceOptions defaults() {
    return new SourceOptions(DEFAULT_AUTO_CHUNKS_MIN_FRACTION, DEFAULT_CONNECTOR_PARTITIONER,
        DEFAULT_SHARD_IMBALANCE_ALERT);
  }

  /** From Spark configuration entries; missing keys take their defaults. */
  public static SourceOptions fromConf(Map<String, String> conf) {
    double fraction = fraction(conf, AUTO_CHUNKS_MIN_FRACTION, DEFAULT_AUTO_CHUNKS_MIN_FRACTION, 1.0);
    double alert = fraction(conf, SHARD_IMBALANCE_ALERT, DEFAULT_SHARD_IMBALANCE_ALERT, Double.MAX_VALUE);
    String partitioner = conf.getOrDefault(CONNECTOR_PARTITIONER, DEFAULT_CONNECTOR_PARTITIONER).trim();
    ConnectorPartitioners.validate(partitioner);
    return new SourceOptions(fraction, partitioner, alert);
  }

  private static double fraction(Map<String, String> conf, String key, double defaultValue, double max) {
    String text = conf.get(key);
    if (text == null || text.isBlank()) {
      return defaultValue;
    }
    double value;
    try {
      value = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("Invalid value for " + key + ": '" + text + "' is not a number");
    }
    if (!(value >= 0 && value <= max)) {
      throw new ConfigException("Invalid value for " + key + ": " + text + " (must be between 0 and " + max + ")");
    }
    return value;
  }

  public double autoChunksMinFraction() {
    return autoChunksMinFraction;
  }

  public String connectorPartitioner() {
    return connectorPartitioner;
  }

  public double shardImbalanceAlert() {
    return shardImbalanceAlert;
  }
}
