package io.shopanalytics.jobs.oracle;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.bson.types.Decimal128;

/**
 * Rounding at storage time (docs/CONTRACT.md, "Money"): every sum stays exact until it is stored; money is
 * then rounded half-even to exactly 2 decimals, percentages to 1 decimal, ratios to 2 decimals.
 * Every division here is BigDecimal's correctly rounded quotient of exact operands.
 */
final class ReferenceRounding {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private ReferenceRounding() {}

  /** The stored amount: half-even, scale exactly 2 (5 becomes 5.00). Rankings compare this value. */
  static BigDecimal storedMoney(BigDecimal exact) {
    return exact.setScale(2, RoundingMode.HALF_EVEN);
  }

  static Decimal128 money(BigDecimal exact) {
    return new Decimal128(storedMoney(exact));
  }

  /** An average amount: exact sum / count, correctly rounded half-even to 2 decimals. */
  static Decimal128 average(BigDecimal exactSum, long count) {
    return new Decimal128(exactSum.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_EVEN));
  }

  /** 100 x part / total, half-even to 1 decimal; 0.0 when the total is 0 ("a percentage of a zero total is 0"). */
  static double percentage(BigDecimal exactPart, BigDecimal exactTotal) {
    if (exactTotal.signum() == 0) {
      return 0.0;
    }
    return exactPart.multiply(HUNDRED).divide(exactTotal, 1, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** A ratio such as average_items_per_order or return_rate: half-even to 2 decimals. */
  static double ratio(BigDecimal numerator, long denominator) {
    return numerator.divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_EVEN).doubleValue();
  }
}
