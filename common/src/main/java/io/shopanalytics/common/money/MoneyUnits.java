package io.shopanalytics.common.money;

import java.math.BigDecimal;

/**
 * Money as a fixed-scale long: millionths of the currency unit. An amount with at most 6 decimals
 * whose millionths fit a long (below 9,223,372,036,854.775807) is held exactly this way, which is
 * every line of a real shop; any other amount keeps its exact decimal (docs/ARCHITECTURE.md, 6.
 * Computing and writing). Sums of units go through {@link MoneySum}, which never overflows.
 */
public final class MoneyUnits {
  /** Decimals a unit count carries. */
  public static final int SCALE = 6;
  /** Units in one currency unit. */
  public static final long PER_CURRENCY_UNIT = 1_000_000L;
  /** Units in one cent, the stored precision. */
  public static final long UNITS_PER_CENT = PER_CURRENCY_UNIT / 100;

  private MoneyUnits() {}

  /** The millionths of {@code amount}, or null when it has more than 6 decimals or does not fit a long. */
  public static Long of(BigDecimal amount) {
    if (amount.signum() == 0) {
      return 0L;
    }
    try {
      return amount.movePointRight(SCALE).longValueExact();
    } catch (ArithmeticException notExact) {
      return null;
    }
  }

  /** {@code units} millionths as the exact decimal they stand for. */
  public static BigDecimal toDecimal(long units) {
    return BigDecimal.valueOf(units, SCALE);
  }
}
