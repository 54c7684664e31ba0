package io.shopanalytics.common.money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/** Exact conversions of BSON numbers to decimals (docs/CONTRACT.md "Money"). */
public final class ExactDecimals {
  private ExactDecimals() {}

  /**
   * The shortest decimal that reads back as {@code value}, and of those the closest to it: 19.99 is
   * 19.99, not the binary expansion 19.989999999999998436805981327779591083526611328125.
   * {@link Double#toString} is that decimal except in rare cases on JDK 17 (JDK-4511638: one digit
   * too many, or not the closest of its length); those are detected and computed exactly.
   */
  public static BigDecimal shortest(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not a finite number: " + value);
    }
    if (value == 0.0) {
      return BigDecimal.ZERO;
    }
    BigDecimal candidate = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    int precision = candidate.precision();
    boolean shorterReadsBack = precision > 1
        && candidate.round(new MathContext(precision - 1, RoundingMode.HALF_EVEN)).doubleValue() == value;
    // up to 15 digits, at most one decimal of that length reads back as the double: the candidate
    if (!shorterReadsBack && precision <= 15) {
      return candidate;
    }
    BigDecimal exact = new BigDecimal(value);
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == value) {
        return rounded.stripTrailingZeros();
      }
    }
    return candidate;
  }

  /**
   * Any BSON number as an exact decimal, or null when the value is not a finite number (strings
   * such as "12.50" are not numbers here).
   */
  public static BigDecimal ofBsonNumber(BsonValue value) {
    if (value == null) {
      return null;
    }
    switch (value.getBsonType()) {
      case INT32:
        return BigDecimal.valueOf(value.asInt32().getValue());
      case INT64:
        return BigDecimal.valueOf(value.asInt64().getValue());
      case DOUBLE:
        double d = value.asDouble().getValue();
        return Double.isFinite(d) ? shortest(d) : null;
      case DECIMAL128:
        Decimal128 decimal = value.asDecimal128().getValue();
        if (decimal.isNaN() || decimal.isInfinite()) {
          return null;
        }
        try {
          return decimal.bigDecimalValue();
        } catch (ArithmeticException negativeZero) {
          // Decimal128 keeps a sign on zero; BigDecimal has none.
          return BigDecimal.ZERO;
        }
      default:
        return null;
    }
  }
}
