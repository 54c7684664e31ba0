package io.shopanalytics.common.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The long fast paths of the contract's roundings (docs/CONTRACT.md, 4. Money) against BigDecimal,
 * at the ties and where a step would overflow a long and the exact path takes over.
 */
class HalfEvenTest {
  @Test
  void tiesGoToTheEvenNeighbour() {
    assertThat(HalfEven.divide(5, 2)).isEqualTo(2);
    assertThat(HalfEven.divide(7, 2)).isEqualTo(4);
    assertThat(HalfEven.divide(6, 4)).isEqualTo(2);
    assertThat(HalfEven.divide(5, 4)).isEqualTo(1);
    assertThat(HalfEven.divide(Long.MAX_VALUE, 2)).isEqualTo(Long.MAX_VALUE / 2 + 1);
    assertThat(cents("0.125000")).isEqualTo("0.12");
    assertThat(cents("0.135000")).isEqualTo("0.14");
    assertThat(cents("0.005000")).isEqualTo("0.00");
    assertThat(cents("0.005001")).isEqualTo("0.01");
  }

  @Test
  void averagesPercentagesAndRatiosEqualTheirBigDecimalForms() {
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 5000; trial++) {
      long units = random.nextInt(3) == 0 ? Long.MAX_VALUE - random.nextLong(1_000_000) : random.nextLong(1_000_000_000L);
      long count = random.nextInt(3) == 0 ? Long.MAX_VALUE / 10_000 + random.nextLong(-2, 3) : 1 + random.nextLong(500);
      MoneySum total = MoneySum.of(units, null);
      BigDecimal exact = MoneyUnits.toDecimal(units);
      assertThat(HalfEven.average(total, Math.max(1, count))).isEqualTo(HalfEven.average(exact, Math.max(1, count)));
      long partUnits = random.nextInt(3) == 0 ? Long.MAX_VALUE / 1000 + random.nextLong(-2, 3)
          : random.nextLong(Math.max(1, units));
      long wholeUnits = Math.max(partUnits, units);
      assertThat(HalfEven.percentage(MoneySum.of(partUnits, null), MoneySum.of(wholeUnits, null)))
          .isEqualTo(HalfEven.percentage(MoneyUnits.toDecimal(partUnits), MoneyUnits.toDecimal(wholeUnits)));
      long numerator = random.nextInt(3) == 0 ? Long.MAX_VALUE / 100 + random.nextLong(-2, 3) : random.nextLong(10_000);
      assertThat(HalfEven.ratio(numerator, count)).isEqualTo(
          BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_EVEN).doubleValue());
    }
  }

  @Test
  void zeroTotalsAndDenominators() {
    assertThat(HalfEven.percentage(MoneySum.of(0, null), MoneySum.of(0, null))).isZero();
    assertThat(HalfEven.ratio(3, 0)).isZero();
  }

  @Test
  void storedAmountsCompareByValueWhicheverWayTheyAreHeld() {
    Cents inUnits = Cents.of(MoneySum.of(12_345_000L, null));
    Cents beyond = Cents.of(MoneySum.of(0, new BigDecimal("12.345")));
    assertThat(inUnits.toDecimal()).isEqualTo(new BigDecimal("12.34"));
    assertThat(inUnits).isEqualByComparingTo(beyond);
    assertThat(Cents.ofStored(new BigDecimal("12.34"))).isEqualByComparingTo(inUnits);
    assertThat(Cents.of(MoneySum.of(12_355_000L, null))).isGreaterThan(beyond);
  }

  private static String cents(String amount) {
    return Cents.of(MoneySum.of(MoneyUnits.of(new BigDecimal(amount)), null)).toDecimal().toPlainString();
  }
}
