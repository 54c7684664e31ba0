package io.shopanalytics.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigitsTest {
  @ParameterizedTest
  @CsvSource({"0, 2", "7, 4", "42, 2", "123, 2", "999999, 6", "1000000, 6", "9999, 4"})
  void equalsStringFormatsZeroPadding(long value, int width) {
    assertThat(Digits.padded(value, width)).isEqualTo(String.format("%0" + width + "d", value));
  }

  @ParameterizedTest
  @CsvSource({"-1, 3"})
  void refusesNegativeValues(long value, int width) {
    assertThatThrownBy(() -> Digits.padded(value, width)).hasMessage("negative value -1");
  }
}
