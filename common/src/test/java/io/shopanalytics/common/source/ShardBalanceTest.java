package io.shopanalytics.common.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ShardBalanceTest {
  @Test
  void imbalanceIsRangeOverMean() {
    // max 130, min 70, mean 100
    assertThat(ShardBalance.imbalance(Map.of("a", 100L, "b", 130L, "c", 70L))).isEqualTo(OptionalDouble.of(0.6));
    assertThat(ShardBalance.imbalance(Map.of("a", 100L, "b", 100L))).isEqualTo(OptionalDouble.of(0.0));
    // 110 and 90 around 100: exactly the design's 20% alert level
    assertThat(ShardBalance.imbalance(Map.of("a", 110L, "b", 90L))).isEqualTo(OptionalDouble.of(ShardBalance.ALERT));
  }

  @Test
  void noImbalanceWithoutTwoShardsOrDocuments() {
    assertThat(ShardBalance.imbalance(Map.of("a", 100L))).isEmpty();
    assertThat(ShardBalance.imbalance(Map.of())).isEmpty();
    assertThat(ShardBalance.imbalance(Map.of("a", 0L, "b", 0L))).isEmpty();
  }
}
