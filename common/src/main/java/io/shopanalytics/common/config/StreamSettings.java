package io.shopanalytics.common.config;

import java.time.Duration;
import java.util.Map;

/**
 * How the stream job runs (docs/ARCHITECTURE.md, 10. The stream job): its trigger, how often it
 * may recompute customer analytics, the size of its batches, and how often a quiet stream moves
 * its resume point on.
 */
public record StreamSettings(Duration trigger, Duration customersEvery, int maxChangesPerBatch, Duration idleAdvance) {
  public StreamSettings {
    if (trigger.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new ConfigException("The stream's trigger must be at least 1 second, got " + trigger.toSeconds());
    }
    if (customersEvery.isNegative()) {
      throw new ConfigException("The time between customer recomputations must be 0 or more seconds, got "
          + customersEvery.toSeconds());
    }
    if (maxChangesPerBatch < 1 || maxChangesPerBatch > 1_000_000) {
      throw new ConfigException("Invalid value for " + SettingKeys.STREAM_MAX_CHANGES_PER_BATCH + ": "
          + maxChangesPerBatch + " (must be between 1 and 1000000)");
    }
    if (idleAdvance.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new ConfigException("Invalid value for " + SettingKeys.STREAM_IDLE_ADVANCE_SECONDS + ": "
          + idleAdvance.toSeconds() + " (must be at least 1)");
    }
  }

  public static StreamSettings fromConf(Map<String, String> conf) {
    return new StreamSettings(
        Duration.ofSeconds(ConfValues.integer(conf, SettingKeys.STREAM_TRIGGER_SECONDS,
            SettingKeys.DEFAULT_STREAM_TRIGGER_SECONDS)),
        Duration.ofSeconds(ConfValues.integer(conf, SettingKeys.STREAM_CUSTOMERS_EVERY_SECONDS,
            SettingKeys.DEFAULT_STREAM_CUSTOMERS_EVERY_SECONDS)),
        ConfValues.integer(conf, SettingKeys.STREAM_MAX_CHANGES_PER_BATCH,
            SettingKeys.DEFAULT_STREAM_MAX_CHANGES_PER_BATCH),
        Duration.ofSeconds(ConfValues.integer(conf, SettingKeys.STREAM_IDLE_ADVANCE_SECONDS,
            SettingKeys.DEFAULT_STREAM_IDLE_ADVANCE_SECONDS)));
  }

  public StreamSettings withTrigger(Duration value) {
    return new StreamSettings(value, customersEvery, maxChangesPerBatch, idleAdvance);
  }

  public StreamSettings withCustomersEvery(Duration value) {
    return new StreamSettings(trigger, value, maxChangesPerBatch, idleAdvance);
  }
}
