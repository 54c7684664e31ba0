package io.shopanalytics.common.money;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * An exact sum of amounts, added as long millionths ({@link MoneyUnits}) while they fit and as
 * decimals beyond: a part without units, or a sum that would overflow the long, moves to the
 * decimal part, so the sum is exact whatever is added. In the common case no {@link BigDecimal}
 * is made at all.
 */
public final class MoneySum implements Serializable {
  private static final long serialVersionUID = 1L;

  private long units;
  /** Null while everything added fits {@link #units}. */
  private BigDecimal beyondUnits;

  /** Adds an amount of {@code units} millionths. */
  public void addUnits(long amountUnits) {
    long sum = units + amountUnits;
    if (((units ^ sum) & (amountUnits ^ sum)) < 0) { // the long overflowed: keep the sum so far as a decimal
      beyondUnits = exact();
      units = amountUnits;
    } else {
      units = sum;
    }
  }

  /** Adds an exact amount (one that has no units, or any other). */
  public void addExact(BigDecimal amount) {
    beyondUnits = beyondUnits == null ? amount : beyondUnits.add(amount);
  }

  /** Adds an amount given as its units when it has them, else as its exact decimal. */
  public void add(Long amountUnits, BigDecimal exactAmount) {
    if (amountUnits != null) {
      addUnits(amountUnits);
    } else {
      addExact(exactAmount);
    }
  }

  public void add(MoneySum other) {
    addUnits(other.units);
    if (other.beyondUnits != null) {
      addExact(other.beyondUnits);
    }
  }

  /** Whether the whole sum is {@link #units()}. */
  public boolean inUnits() {
    return beyondUnits == null;
  }

  /** The part of the sum held as millionths (all of it when {@link #inUnits()}). */
  public long units() {
    return units;
  }

  /** The part of the sum held as a decimal, or null when there is none. */
  public BigDecimal beyondUnits() {
    return beyondUnits;
  }

  /** The sum, exactly. */
  public BigDecimal exact() {
    BigDecimal inUnits = MoneyUnits.toDecimal(units);
    return beyondUnits == null ? inUnits : beyondUnits.add(inUnits);
  }

  /** A sum of {@code units} millionths and {@code beyondUnits} (null for none), as stored in a row. */
  public static MoneySum of(long units, BigDecimal beyondUnits) {
    MoneySum sum = new MoneySum();
    sum.units = units;
    sum.beyondUnits = beyondUnits;
    return sum;
  }

  @Override
  public String toString() {
    return exact().toPlainString();
  }
}
