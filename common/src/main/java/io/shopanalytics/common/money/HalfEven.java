package io.shopanalytics.common.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The roundings of docs/CONTRACT.md, 4. Money: half-even, once, from exact values. Sums held in
 * units are rounded with long arithmetic (exact: a quotient of integers and its remainder); any
 * other value, and any step that would overflow a long, with {@link BigDecimal}.
 */
public final class HalfEven {
  private static final long UNITS_PER_CENT = MoneyUnits.UNITS_PER_CENT;

  private HalfEven() {}

  /** {@code numerator / denominator} rounded half to even, for {@code numerator >= 0} and {@code denominator > 0}. */
  public static long divide(long numerator, long denominator) {
    long quotient = numerator / denominator;
    long remainder = numerator % denominator;
    long rest = denominator - remainder;
    if (remainder > rest || (remainder == rest && (quotient & 1) == 1)) {
      return quotient + 1;
    }
    return quotient;
  }

  /** An amount as stored: half-even to cents. */
  public static BigDecimal cents(MoneySum sum) {
    return Cents.of(sum).toDecimal();
  }

  public static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_EVEN);
  }

  /** {@code total / count} half-even to cents, for {@code count > 0}. */
  public static BigDecimal average(MoneySum total, long count) {
    if (total.inUnits() && total.units() >= 0 && count <= Long.MAX_VALUE / UNITS_PER_CENT) {
      return BigDecimal.valueOf(divide(total.units(), count * UNITS_PER_CENT), 2);
    }
    return average(total.exact(), count);
  }

  public static BigDecimal average(BigDecimal total, long count) {
    return total.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_EVEN);
  }

  /** {@code 100 × part / total} half-even to 1 decimal; 0 when the total is 0. */
  public static double percentage(MoneySum part, MoneySum total) {
    if (part.inUnits() && total.inUnits() && part.units() >= 0 && total.units() > 0
        && part.units() <= Long.MAX_VALUE / 1000) {
      return asDouble(divide(part.units() * 1000, total.units()), 1);
    }
    return percentage(part.exact(), total.exact());
  }

  public static double percentage(BigDecimal part, BigDecimal total) {
    return total.signum() == 0 ? 0.0 : part.movePointRight(2).divide(total, 1, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** {@code numerator / denominator} of two counts half-even to 2 decimals; 0 when the denominator is 0. */
  public static double ratio(long numerator, long denominator) {
    if (denominator == 0) {
      return 0.0;
    }
    if (numerator >= 0 && denominator > 0 && numerator <= Long.MAX_VALUE / 100) {
      return asDouble(divide(numerator * 100, denominator), 2);
    }
    return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_EVEN)
        .doubleValue();
  }

  /**
   * {@code unscaled × 10^-scale} as the nearest double: a division of doubles is correctly rounded
   * while {@code unscaled} converts exactly (up to 2^53), beyond that it would round twice.
   */
  private static double asDouble(long unscaled, int scale) {
    if (Math.abs(unscaled) <= 1L << 53) {
      return unscaled / (scale == 1 ? 10.0 : 100.0);
    }
    return BigDecimal.valueOf(unscaled, scale).doubleValue();
  }
}
