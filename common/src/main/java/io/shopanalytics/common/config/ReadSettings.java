package io.shopanalytics.common.config;

import java.io.Serializable;
import java.util.Map;

/**
 * How orders are read: the strategy, the partition size and the strategies' own settings, parsed
 * once from the keys of {@link SettingKeys}. Serializable so that executors see the driver's values.
 */
public final class ReadSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String strategy;
  private final int partitionDocs;
  private final double autoChunksMinFraction;
  private final String connectorPartitioner;
  private final double shardImbalanceAlert;

  private ReadSettings(String strategy, int partitionDocs, double autoChunksMinFraction, String connectorPartitioner,
      double shardImbalanceAlert) {
    this.strategy = strategy;
    this.partitionDocs = partitionDocs;
    this.autoChunksMinFraction = autoChunksMinFraction;
    this.connectorPartitioner = connectorPartitioner;
    this.shardImbalanceAlert = shardImbalanceAlert;
  }

  public static ReadSettings defaults() {
    return fromConf(Map.of());
  }

  /** From Spark configuration entries; missing keys take their defaults, bad values fail naming the key. */
  public static ReadSettings fromConf(Map<String, String> conf) {
    String strategy = ConfValues.text(conf, SettingKeys.READ_STRATEGY, SettingKeys.DEFAULT_READ_STRATEGY);
    if (!SettingKeys.READ_STRATEGIES.contains(strategy)) {
      throw new ConfigException("Invalid value for --read-strategy / " + SettingKeys.READ_STRATEGY + ": '" + strategy
          + "' (expected one of " + String.join(", ", SettingKeys.READ_STRATEGIES) + ")");
    }
    int partitionDocs = requirePartitionDocs(
        ConfValues.integer(conf, SettingKeys.READ_PARTITION_DOCS, SettingKeys.DEFAULT_PARTITION_DOCS));
    double fraction = ConfValues.number(conf, SettingKeys.READ_AUTO_CHUNKS_MIN_FRACTION,
        SettingKeys.DEFAULT_AUTO_CHUNKS_MIN_FRACTION, 1.0);
    double alert = ConfValues.number(conf, SettingKeys.READ_SHARD_IMBALANCE_ALERT,
        SettingKeys.DEFAULT_SHARD_IMBALANCE_ALERT, Double.MAX_VALUE);
    String partitioner = ConnectorPartitionerOption.validate(
        ConfValues.text(conf, SettingKeys.READ_CONNECTOR_PARTITIONER, SettingKeys.DEFAULT_CONNECTOR_PARTITIONER));
    return new ReadSettings(strategy, partitionDocs, fraction, partitioner, alert);
  }

  /** Fails naming the key unless the target documents per partition is at least 1. */
  public static int requirePartitionDocs(int value) {
    if (value < 1) {
      throw new ConfigException("Invalid value for " + SettingKeys.READ_PARTITION_DOCS + ": " + value + " (must be >= 1)");
    }
    return value;
  }

  /** The same settings with another strategy (the benchmark compares them). */
  public ReadSettings withStrategy(String value) {
    Map<String, String> conf = Map.of(SettingKeys.READ_STRATEGY, value);
    return new ReadSettings(fromConf(conf).strategy, partitionDocs, autoChunksMinFraction, connectorPartitioner,
        shardImbalanceAlert);
  }

  public String strategy() {
    return strategy;
  }

  public int partitionDocs() {
    return partitionDocs;
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
