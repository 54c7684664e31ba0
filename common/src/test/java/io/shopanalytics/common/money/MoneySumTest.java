package io.shopanalytics.common.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Money in long millionths where it fits, exact decimals beyond: the same amounts either way. */
class MoneySumTest {
  private static final BigDecimal LARGEST_IN_UNITS = new BigDecimal("9223372036854.775807");
  private static final BigDecimal MILLIONTH = new BigDecimal("0.000001");

  @Test
  void anAmountHasUnitsWhenItHasAtMostSixDecimalsAndItsMillionthsFitALong() {
    assertThat(MoneyUnits.of(new BigDecimal("19.99"))).isEqualTo(19_990_000L);
    assertThat(MoneyUnits.of(new BigDecimal("1.500000000000000000"))).as("trailing zeros").isEqualTo(1_500_000L);
    assertThat(MoneyUnits.of(MILLIONTH)).isEqualTo(1L);
    assertThat(MoneyUnits.of(BigDecimal.ZERO.setScale(18))).isZero();
    assertThat(MoneyUnits.of(LARGEST_IN_UNITS)).isEqualTo(Long.MAX_VALUE);
    assertThat(MoneyUnits.of(new BigDecimal("0.0000001"))).as("seven decimals").isNull();
    assertThat(MoneyUnits.of(LARGEST_IN_UNITS.add(MILLIONTH))).as("one millionth too many").isNull();
    assertThat(MoneyUnits.of(new BigDecimal("99999999999999999999.99"))).isNull();
  }

  @Test
  void aSumThatWouldOverflowTheLongCarriesOnExactly() {
    MoneySum sum = new MoneySum();
    sum.addUnits(Long.MAX_VALUE);
    assertThat(sum.inUnits()).isTrue();
    sum.addUnits(1);
    assertThat(sum.inUnits()).isFalse();
    sum.addUnits(Long.MAX_VALUE);
    assertThat(sum.exact()).isEqualByComparingTo(LARGEST_IN_UNITS.multiply(BigDecimal.valueOf(2)).add(MILLIONTH));
  }

  @Test
  void partsWithoutUnitsAddExactlyBesideTheUnits() {
    MoneySum sum = new MoneySum();
    sum.add(19_990_000L, null);
    sum.add(null, new BigDecimal("0.0000001"));
    sum.add(null, LARGEST_IN_UNITS.add(MILLIONTH));
    MoneySum other = MoneySum.of(1, new BigDecimal("0.0000009"));
    sum.add(other);
    assertThat(sum.exact()).isEqualByComparingTo(new BigDecimal("19.99").add(new BigDecimal("0.0000001"))
        .add(LARGEST_IN_UNITS).add(MILLIONTH).add(MILLIONTH).add(new BigDecimal("0.0000009")));
    assertThat(sum.inUnits()).isFalse();
  }

  @Test
  void randomSumsEqualTheirBigDecimalSums() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 200; trial++) {
      MoneySum sum = new MoneySum();
      BigDecimal expected = BigDecimal.ZERO;
      for (int i = 0; i < 50; i++) {
        BigDecimal amount = amount(random);
        expected = expected.add(amount);
        sum.add(MoneyUnits.of(amount), amount);
      }
      assertThat(sum.exact()).isEqualByComparingTo(expected);
      assertThat(Cents.of(sum).toDecimal()).isEqualTo(HalfEven.cents(expected));
    }
  }

  /** Cents, sub-cent prices, more decimals than units hold, and amounts near the long's end. */
  private static BigDecimal amount(SplittableRandom random) {
    switch (random.nextInt(4)) {
      case 0:
        return BigDecimal.valueOf(random.nextLong(100_000_000L), 2);
      case 1:
        return BigDecimal.valueOf(random.nextLong(1_000_000L), 3);
      case 2:
        return BigDecimal.valueOf(random.nextLong(Long.MAX_VALUE), 9);
      default:
        return LARGEST_IN_UNITS.subtract(BigDecimal.valueOf(random.nextLong(1000), 6));
    }
  }
}
