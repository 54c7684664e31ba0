package io.shopanalytics.jobs.analytics.transform;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Buckets of money-like values for {@link NearestRankCutPoints}: a key that never decreases as the
 * value grows, so that counting per key tells which bucket holds a rank. Values are taken in
 * hundredths (the cut points' {@code decimal(38,2)}); below 512 hundredths each value is its own
 * bucket, above it a bucket keeps the top 9 bits of the magnitude (256 buckets per power of two,
 * a bucket 1/256 of its values wide), so a metric has at most a few tens of thousands of buckets
 * however many rows it has. Nulls come first, as in an ascending sort; magnitudes beyond 2^62
 * hundredths share one bucket at each end.
 */
final class ValueBuckets {
  /** The key of null values, below every other. */
  static final long NULL_KEY = Long.MIN_VALUE;
  private static final long BEYOND = 1L << 20;
  private static final int EXACT_BITS = 9;

  private ValueBuckets() {}

  static long key(BigDecimal value) {
    if (value == null) {
      return NULL_KEY;
    }
    BigInteger hundredths = value.setScale(2).unscaledValue();
    if (hundredths.bitLength() > 62) {
      return hundredths.signum() > 0 ? BEYOND : -BEYOND - 1;
    }
    long units = hundredths.longValue();
    return units >= 0 ? magnitudeKey(units) : -magnitudeKey(-units) - 1;
  }

  /** For {@code magnitude >= 0}: itself below 2^9, else the bit length and the top 9 bits, in that order. */
  static long magnitudeKey(long magnitude) {
    int bits = 64 - Long.numberOfLeadingZeros(magnitude);
    if (bits <= EXACT_BITS) {
      return magnitude;
    }
    int shift = bits - EXACT_BITS;
    return ((long) shift << EXACT_BITS) + (magnitude >>> shift);
  }
}
