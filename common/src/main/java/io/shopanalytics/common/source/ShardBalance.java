package io.shopanalytics.common.source;

import io.shopanalytics.common.config.SettingKeys;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * How unevenly documents are spread over shards: {@code (max - min) / mean} of the documents per
 * shard. 0 is perfectly even; 0.20 (the design's alert level) means the fullest and emptiest shards
 * differ by a fifth of the average. Range over mean rather than a standard deviation because it
 * names what an operator acts on: the gap between the busiest and the idlest shard.
 */
public final class ShardBalance {
  /** The design's alert level ("shard imbalance > 20%"). */
  public static final double ALERT = SettingKeys.DEFAULT_SHARD_IMBALANCE_ALERT;

  private ShardBalance() {}

  /** Empty with fewer than two shards or no documents. */
  public static OptionalDouble imbalance(Map<String, Long> documentsPerShard) {
    if (documentsPerShard.size() < 2) {
      return OptionalDouble.empty();
    }
    long max = documentsPerShard.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    long min = documentsPerShard.values().stream().mapToLong(Long::longValue).min().orElseThrow();
    double mean = documentsPerShard.values().stream().mapToLong(Long::longValue).average().orElseThrow();
    return mean == 0 ? OptionalDouble.empty() : OptionalDouble.of((max - min) / mean);
  }
}
