package io.shopanalytics.common.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PeriodTest {
  @Test
  void boundsAreUtcMonthStartsAndTheStoredEndIsTheLastSecond() {
    Period november = Period.parse("2024-11");
    assertThat(november.start()).isEqualTo(Instant.parse("2024-11-01T00:00:00Z"));
    assertThat(november.nextStart()).isEqualTo(Instant.parse("2024-12-01T00:00:00Z"));
    assertThat(november.storedEnd()).isEqualTo(Instant.parse("2024-11-30T23:59:59Z"));
    assertThat(Period.parse("2024-02").storedEnd()).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
  }

  @Test
  void lastMillisecondOfTheMonthBelongsToIt() {
    assertThat(Period.containing(Instant.parse("2024-11-30T23:59:59.999Z"))).isEqualTo(Period.parse("2024-11"));
    assertThat(Period.containing(Instant.parse("2024-12-01T00:00:00Z"))).isEqualTo(Period.parse("2024-12"));
  }

  @Test
  void rangeIncludesBothEndsAndCrossesYears() {
    assertThat(Period.range(Period.parse("2024-11"), Period.parse("2025-02")))
        .extracting(Period::id).containsExactly("2024-11", "2024-12", "2025-01", "2025-02");
  }

  @Test
  void invalidInputIsNamed() {
    assertThatThrownBy(() -> Period.parse("2024-13")).hasMessageContaining("'2024-13'").hasMessageContaining("YYYY-MM");
    assertThatThrownBy(() -> Period.parse("2024/11")).hasMessageContaining("'2024/11'");
    assertThatThrownBy(() -> Period.range(Period.parse("2024-12"), Period.parse("2024-11")))
        .hasMessage("Invalid period range: --from 2024-12 is after --to 2024-11");
  }

  @Test
  void asOfCountsTheWholeDay() {
    AsOf asOf = AsOf.parse("2024-11-30");
    assertThat(asOf.endExclusive()).isEqualTo(Instant.parse("2024-12-01T00:00:00Z"));
    assertThat(asOf.start()).isEqualTo(Instant.parse("2024-11-30T00:00:00Z"));
    assertThat(AsOf.yesterday(java.time.Clock.fixed(Instant.parse("2024-12-01T00:30:00Z"), java.time.ZoneOffset.UTC)).date())
        .isEqualTo(LocalDate.parse("2024-11-30"));
    assertThatThrownBy(() -> AsOf.parse("2024-11-31")).hasMessageContaining("'2024-11-31'");
  }
}
