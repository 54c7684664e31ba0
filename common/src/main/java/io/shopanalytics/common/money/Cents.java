package io.shopanalytics.common.money;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An amount as stored: rounded half-even to cents (docs/CONTRACT.md, 4. Money), comparable, as a
 * long count of cents when the exact sum was held in units, else as a decimal. Rankings compare
 * these, so that what a reader sees is what was ranked.
 */
public final class Cents implements Comparable<Cents>, Serializable {
  private static final long serialVersionUID = 1L;

  private final long cents;
  /** Null when {@link #cents} holds the amount. */
  private final BigDecimal decimal;

  private Cents(long cents, BigDecimal decimal) {
    this.cents = cents;
    this.decimal = decimal;
  }

  public static Cents of(MoneySum sum) {
    if (sum.inUnits() && sum.units() >= 0) {
      return new Cents(HalfEven.divide(sum.units(), MoneyUnits.UNITS_PER_CENT), null);
    }
    return new Cents(0, HalfEven.cents(sum.exact()));
  }

  /** An amount already rounded to cents, as read back from a stored row. */
  public static Cents ofStored(BigDecimal amount) {
    BigDecimal stored = amount.setScale(2, RoundingMode.UNNECESSARY);
    BigInteger cents = stored.unscaledValue();
    return cents.bitLength() < Long.SIZE ? new Cents(cents.longValue(), null) : new Cents(0, stored);
  }

  /** The stored decimal, 2 decimals. */
  public BigDecimal toDecimal() {
    return decimal != null ? decimal : BigDecimal.valueOf(cents, 2);
  }

  @Override
  public int compareTo(Cents other) {
    if (decimal == null && other.decimal == null) {
      return Long.compare(cents, other.cents);
    }
    return toDecimal().compareTo(other.toDecimal());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cents && compareTo((Cents) o) == 0;
  }

  @Override
  public int hashCode() {
    return toDecimal().stripTrailingZeros().hashCode();
  }

  @Override
  public String toString() {
    return toDecimal().toPlainString();
  }
}
