package io.shopanalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunsTest {
  @Test
  void medianOfAnOddCountIsTheMiddleValue() {
    assertThat(Runs.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    assertThat(Runs.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
  }

  @Test
  void medianOfNothingIsAnError() {
    assertThatThrownBy(() -> Runs.median(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void warmUpsRunButAreNotMeasured() throws Exception {
    int[] calls = {0};
    Runs.Figure figure = Runs.measure(2, 3, () -> calls[0]++);
    assertThat(calls[0]).isEqualTo(5);
    assertThat(figure.seconds()).hasSize(3);
    assertThat(figure.warmups()).isEqualTo(2);
    assertThat(figure.toMap()).containsKeys("median_s", "runs", "warmups", "seconds").doesNotContainKey("task_cpu_s");
  }

  @Test
  void interleavedWorksTakeTurnsInEveryRoundWarmUpsIncluded() throws Exception {
    StringBuilder order = new StringBuilder();
    List<Runs.Figure> figures = Runs.interleaved(1, 2, List.of(() -> order.append('a'), () -> order.append('b')),
        Runs.Meters.NONE, new QuietMachine(0, 0));
    assertThat(order).hasToString("ababab");
    assertThat(figures).hasSize(2);
    assertThat(figures).allSatisfy(figure -> {
      assertThat(figure.seconds()).hasSize(2);
      assertThat(figure.warmups()).isEqualTo(1);
    });
  }

  @Test
  void aSettlingGateSettlesBeforeEveryMeasuredRunAndNotBeforeWarmUps() throws Exception {
    StringBuilder order = new StringBuilder();
    QuietMachine settling = new QuietMachine(0, 0).settlingFirst(() -> order.append('s') != null);
    Runs.interleaved(1, 2, List.of(() -> order.append('a'), () -> order.append('b')), Runs.Meters.NONE, settling);
    assertThat(order).hasToString("absasbsasb");
  }
}
