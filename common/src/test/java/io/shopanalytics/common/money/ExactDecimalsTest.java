package io.shopanalytics.common.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class ExactDecimalsTest {
  @Test
  void doublesAreTheirShortestDecimal() {
    assertThat(ExactDecimals.shortest(19.99)).isEqualByComparingTo("19.99");
    assertThat(ExactDecimals.shortest(0.1)).isEqualByComparingTo("0.1");
    assertThat(ExactDecimals.shortest(0.1 + 0.2)).isEqualByComparingTo("0.30000000000000004");
    assertThat(ExactDecimals.shortest(2.0E-3)).isEqualByComparingTo("0.002");
    assertThat(ExactDecimals.shortest(1.0E23)).isEqualByComparingTo("1E+23");
    assertThat(ExactDecimals.shortest(Double.MIN_VALUE)).isEqualByComparingTo("5E-324");
  }

  @Test
  void shortestReadsBackAndNoShorterDecimalDoes() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      double value = random.nextInt(4) == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextInt(1_000_000) / 100.0;
      if (!Double.isFinite(value)) {
        continue;
      }
      BigDecimal shortest = ExactDecimals.shortest(value);
      assertThat(shortest.doubleValue()).isEqualTo(value);
      BigDecimal exact = new BigDecimal(value);
      if (shortest.precision() > 1) {
        BigDecimal shorter = exact.round(new java.math.MathContext(shortest.precision() - 1));
        assertThat(shorter.doubleValue()).as("a shorter form of %s", value).isNotEqualTo(value);
      }
      assertThat(shortest).as("the closest of its length to %s", value)
          .isEqualByComparingTo(exact.round(new java.math.MathContext(shortest.precision(), java.math.RoundingMode.HALF_EVEN)));
    }
  }

  @Test
  void everyBsonNumberTypeAndNothingElse() {
    assertThat(ExactDecimals.ofBsonNumber(new BsonInt32(3))).isEqualByComparingTo("3");
    assertThat(ExactDecimals.ofBsonNumber(new BsonInt64(3_000_000_000L))).isEqualByComparingTo("3000000000");
    assertThat(ExactDecimals.ofBsonNumber(new BsonDouble(12.5))).isEqualByComparingTo("12.5");
    assertThat(ExactDecimals.ofBsonNumber(new BsonDecimal128(Decimal128.parse("12.505")))).isEqualByComparingTo("12.505");
    assertThat(ExactDecimals.ofBsonNumber(new BsonDecimal128(Decimal128.NEGATIVE_ZERO))).isEqualByComparingTo("0");
    assertThat(ExactDecimals.ofBsonNumber(new BsonDecimal128(Decimal128.NaN))).isNull();
    assertThat(ExactDecimals.ofBsonNumber(new BsonDouble(Double.POSITIVE_INFINITY))).isNull();
    assertThat(ExactDecimals.ofBsonNumber(new BsonString("12.50"))).isNull();
    assertThat(ExactDecimals.ofBsonNumber(null)).isNull();
  }
}
