package io.shopanalytics.jobs.oracle;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;
import org.bson.types.Decimal128;

/**
 * Reads BSON numbers the way docs/CONTRACT.md, "Inputs" and "Money" ask, as exact decimals.
 *
 * <p>BSON numbers arrive in an {@link org.bson.Document} as Integer (int32), Long (int64), Double
 * or {@link Decimal128}; anything else (a String such as "12.50", a Boolean, null) is not a number.
 */
final class ReferenceNumbers {
  private static final int MAX_SIGNIFICANT_DIGITS_OF_A_DOUBLE = 17;

  private ReferenceNumbers() {}

  /**
   * The exact decimal value of a BSON number, or empty when the value is not a BSON number or is
   * NaN / Infinity. Decimal128 negative zero is 0 (BigDecimal has no negative zero).
   */
  static Optional<BigDecimal> exactValue(Object value) {
    if (value instanceof Integer i) {
      return Optional.of(BigDecimal.valueOf(i.longValue()));
    }
    if (value instanceof Long l) {
      return Optional.of(BigDecimal.valueOf(l));
    }
    if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return Optional.empty();
      }
      return Optional.of(shortestDecimal(d));
    }
    if (value instanceof Decimal128 dec) {
      if (dec.isNaN() || dec.isInfinite()) {
        return Optional.empty();
      }
      try {
        return Optional.of(dec.bigDecimalValue());
      } catch (ArithmeticException negativeZero) {
        // The only finite value bigDecimalValue() refuses is negative zero: numerically zero.
        return Optional.of(BigDecimal.ZERO);
      }
    }
    return Optional.empty();
  }

  /**
   * A valid item quantity: a BSON number that is a whole number >= 1 (2.0 and Decimal128 "3.00"
   * are whole). Empty when invalid.
   */
  static Optional<BigDecimal> validQuantity(Object value) {
    return exactValue(value).filter(q -> isWhole(q) && q.compareTo(BigDecimal.ONE) >= 0);
  }

  /**
   * A valid unit price: a finite BSON number that is not negative. -0.0 and Decimal128 "-0" are
   * numerically zero, hence not negative, hence valid (the most literal reading of "negative").
   */
  static Optional<BigDecimal> validUnitPrice(Object value) {
    return exactValue(value).filter(p -> p.signum() >= 0);
  }

  static boolean isWhole(BigDecimal value) {
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }

  /**
   * The shortest decimal that reads back as {@code d} (docs/CONTRACT.md: "a double price is taken as its
   * shortest decimal form, 19.99 is 19.99").
   *
   * <p>Written independently of {@link Double#toString}: on Java 17 that method sometimes prints
   * more digits than needed (JDK-4511638, fixed in Java 19). For each number of significant digits
   * from 1 up, the two decimals of that length around the exact binary value are tried; the first
   * length with a candidate that parses back to {@code d} wins, and among two candidates the closer
   * one to the binary value. When even a single digit round-trips, that one-digit decimal is taken
   * (Java 19+ would sometimes prefer a closer two-digit decimal there, e.g. 4.9E-324; "shortest" read
   * literally says one digit; irrelevant for prices).
   */
  static BigDecimal shortestDecimal(double d) {
    if (d == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal exact = new BigDecimal(d);
    for (int digits = 1; digits <= MAX_SIGNIFICANT_DIGITS_OF_A_DOUBLE; digits++) {
      BigDecimal below = exact.round(new MathContext(digits, RoundingMode.FLOOR));
      BigDecimal above = exact.round(new MathContext(digits, RoundingMode.CEILING));
      boolean belowReadsBack = below.doubleValue() == d;
      boolean aboveReadsBack = above.doubleValue() == d;
      if (belowReadsBack && aboveReadsBack) {
        int cmp = exact.subtract(below).compareTo(above.subtract(exact));
        return cmp <= 0 ? below.stripTrailingZeros() : above.stripTrailingZeros();
      }
      if (belowReadsBack) {
        return below.stripTrailingZeros();
      }
      if (aboveReadsBack) {
        return above.stripTrailingZeros();
      }
    }
    throw new AssertionError("17 significant digits always identify a double: " + d);
  }
}
