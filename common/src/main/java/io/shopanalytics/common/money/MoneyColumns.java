package io.shopanalytics.common.money;

import static org.apache.spark.sql.functions.bround;
import static org.apache.spark.sql.functions.udf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Rounding and ratios as docs/CONTRACT.md fixes them: half-even, from exact values, once at the end.
 *
 * <p>Sums stay built-in ({@code sum} of a decimal is exact; {@code bround} rounds a decimal exactly
 * half-even). Divisions are not: Spark's decimal division rounds half-up at a scale it picks, and a
 * second half-even rounding of that can land on the wrong cent for large counts. So the few
 * divisions, which run on aggregated rows only, are small UDFs over {@link BigDecimal#divide(BigDecimal, int, RoundingMode)},
 * which rounds the true quotient once.
 */
public final class MoneyColumns {
  /** Stored money: 2 decimals. */
  public static final DecimalType STORED = DataTypes.createDecimalType(38, 2);

  private static final UserDefinedFunction AVERAGE = udf(
      (UDF2<BigDecimal, Long, BigDecimal>) (total, count) ->
          total == null || count == null || count == 0 ? null
              : total.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_EVEN),
      STORED);

  private static final UserDefinedFunction PERCENTAGE = udf(
      (UDF2<BigDecimal, BigDecimal, Double>) (part, total) ->
          total == null || part == null || total.signum() == 0 ? 0.0
              : part.movePointRight(2).divide(total, 1, RoundingMode.HALF_EVEN).doubleValue(),
      DataTypes.DoubleType);

  private static final UserDefinedFunction RATIO = udf(
      (UDF2<Long, Long, Double>) (numerator, denominator) ->
          denominator == null || denominator == 0 || numerator == null ? 0.0
              : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_EVEN)
                  .doubleValue(),
      DataTypes.DoubleType);

  private MoneyColumns() {}

  /** An exact amount rounded half-even to cents. */
  public static Column rounded(Column exact) {
    return bround(exact, 2).cast(STORED);
  }

  /** {@code total / count} rounded half-even to cents (money). */
  public static Column average(Column exactTotal, Column count) {
    return AVERAGE.apply(exactTotal, count);
  }

  /** {@code 100 × part / total} rounded half-even to 1 decimal; 0 when the total is 0. */
  public static Column percentage(Column exactPart, Column exactTotal) {
    return PERCENTAGE.apply(exactPart, exactTotal);
  }

  /** {@code numerator / denominator} of two counts, rounded half-even to 2 decimals. */
  public static Column ratio(Column numerator, Column denominator) {
    return RATIO.apply(numerator, denominator);
  }
}
