package io.shopanalytics.jobs.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.time.AsOf;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CustomerScheduleTest {
  private static final Instant T0 = Instant.parse("2024-12-21T10:00:00Z");
  private static final AsOf DAY = AsOf.of(LocalDate.of(2024, 12, 20));

  @Test
  void theFirstRecomputationIsDueAtOnceThenOnlyAfterAChangeAndTheInterval() {
    CustomerSchedule schedule = new CustomerSchedule(Duration.ofMinutes(5));
    assertThat(schedule.due(T0, DAY)).as("nothing is known of the last time").isTrue();
    schedule.computed(T0, DAY);

    assertThat(schedule.due(T0.plusSeconds(600), DAY)).as("no change since").isFalse();
    schedule.changed();
    assertThat(schedule.due(T0.plusSeconds(60), DAY)).as("changed, but within the interval").isFalse();
    assertThat(schedule.pending()).isTrue();
    assertThat(schedule.due(T0.plusSeconds(300), DAY)).isTrue();
  }

  @Test
  void aNewAsOfDayIsAChange() {
    CustomerSchedule schedule = new CustomerSchedule(Duration.ofMinutes(5));
    schedule.computed(T0, DAY);

    assertThat(schedule.due(T0.plusSeconds(400), DAY)).isFalse();
    assertThat(schedule.due(T0.plusSeconds(400), AsOf.of(LocalDate.of(2024, 12, 21)))).isTrue();
  }
}
