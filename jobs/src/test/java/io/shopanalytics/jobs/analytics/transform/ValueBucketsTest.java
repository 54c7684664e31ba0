package io.shopanalytics.jobs.analytics.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueBucketsTest {
  @Test
  void keysNeverDecreaseAsValuesGrow() {
    Random random = new Random(11);
    List<BigDecimal> values = new ArrayList<>();
    for (long edge : new long[] {0, 1, 255, 256, 511, 512, 513, 1023, 1024, Long.MAX_VALUE >> 1, (1L << 62) - 1}) {
      values.add(BigDecimal.valueOf(edge, 2));
      values.add(BigDecimal.valueOf(-edge, 2));
    }
    for (int i = 0; i < 5000; i++) {
      values.add(BigDecimal.valueOf(random.nextLong() >> random.nextInt(63), 2));
    }
    values.add(new BigDecimal("1E+30").setScale(2));
    values.add(new BigDecimal("-1E+30").setScale(2));
    values.sort(BigDecimal::compareTo);
    for (int i = 1; i < values.size(); i++) {
      assertThat(ValueBuckets.key(values.get(i))).as("%s after %s", values.get(i), values.get(i - 1))
          .isGreaterThanOrEqualTo(ValueBuckets.key(values.get(i - 1)));
    }
    assertThat(ValueBuckets.key(values.get(0))).isGreaterThan(ValueBuckets.key(null));
  }

  @Test
  void smallValuesHaveABucketEachAndLargeOnesShareByTheirTopBits() {
    assertThat(ValueBuckets.key(new BigDecimal("5.11"))).isNotEqualTo(ValueBuckets.key(new BigDecimal("5.10")));
    assertThat(ValueBuckets.key(new BigDecimal("-5.11"))).isNotEqualTo(ValueBuckets.key(new BigDecimal("-5.10")));
    // 5.12 and 5.13 hundredths: 512 and 513 share their top 9 bits
    assertThat(ValueBuckets.key(new BigDecimal("5.12"))).isEqualTo(ValueBuckets.key(new BigDecimal("5.13")));
    assertThat(ValueBuckets.key(new BigDecimal("5.14"))).isGreaterThan(ValueBuckets.key(new BigDecimal("5.13")));
    assertThat(ValueBuckets.key(new BigDecimal("1E+30"))).isEqualTo(ValueBuckets.key(new BigDecimal("2E+30")));
  }
}
