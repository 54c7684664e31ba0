package io.shopanalytics.common.source.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.source.plan.TimeSliceSizing.Slice;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.Test;

class TimeSliceSizingTest {
  /** Counts timestamps in [low, high), remembering how many documents it counted. */
  private static final class Counter implements LongBinaryOperator {
    private final List<Long> times;
    long counted;

    Counter(List<Long> times) {
      this.times = times;
    }

    @Override
    public long applyAsLong(long low, long high) {
      long count = times.stream().filter(t -> t >= low && t < high).count();
      counted += count;
      return count;
    }
  }

  private static void assertAdjacentCover(List<Slice> slices, long low, long high) {
    assertThat(slices.get(0).low()).isEqualTo(low);
    assertThat(slices.get(slices.size() - 1).high()).isEqualTo(high);
    for (int i = 1; i < slices.size(); i++) {
      assertThat(slices.get(i).low()).isEqualTo(slices.get(i - 1).high());
    }
  }

  @Test
  void uniformDocumentsGiveEqualSlices() {
    List<Long> times = new ArrayList<>();
    for (long t = 0; t < 1000; t++) {
      times.add(t);
    }

    List<Slice> slices = TimeSliceSizing.slices(0, 1000, 1000, 250, new Counter(times));

    assertThat(slices).containsExactly(new Slice(0, 250, 250), new Slice(250, 500, 250), new Slice(500, 750, 250),
        new Slice(750, 1000, 250));
  }

  @Test
  void denserTimesGetNarrowerSlices() {
    // 800 documents every 10 ms over [0, 8000), 400 more in [6000, 8000): the last quarter is three times as dense
    List<Long> times = new ArrayList<>();
    for (long t = 0; t < 8000; t += 10) {
      times.add(t);
    }
    for (long t = 6002; t < 8000; t += 5) {
      times.add(t);
    }

    List<Slice> slices = TimeSliceSizing.slices(0, 8000, times.size(), 400, new Counter(times));

    // equal widths would have been [0, 2666), [2666, 5333), [5333, 8000) with 800 in the last
    assertThat(slices).containsExactly(new Slice(0, 4000, 400), new Slice(4000, 6000, 200), new Slice(6000, 7000, 300),
        new Slice(7000, 8000, 300));
  }

  @Test
  void aHotSpotBeyondTheCountingBudgetStillGetsAnExactCoverWithinTheBudget() {
    // 200 documents over [0, 8000), 800 crowded into [7000, 7100)
    List<Long> times = new ArrayList<>();
    for (long t = 0; t < 8000; t += 40) {
      times.add(t);
    }
    for (long t = 7000; t < 7100; t++) {
      for (int copy = 0; copy < 8; copy++) {
        times.add(t);
      }
    }
    Counter counter = new Counter(times);

    List<Slice> slices = TimeSliceSizing.slices(0, 8000, times.size(), 300, counter);

    assertAdjacentCover(slices, 0, 8000);
    assertThat(slices.stream().mapToLong(Slice::documents).sum()).isEqualTo(times.size());
    assertThat(counter.counted).isLessThanOrEqualTo((long) (TimeSliceSizing.COUNT_BUDGET * times.size()));
  }

  @Test
  void anEmptyRangeIsOneSliceAndCountsNothing() {
    Counter counter = new Counter(List.of());

    assertThat(TimeSliceSizing.slices(0, 100, 0, 10, counter)).containsExactly(new Slice(0, 100, 0));
    assertThat(counter.counted).isZero();
  }

  @Test
  void aSliceNarrowerThanItsPiecesStopsAtOneMillisecondEach() {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      times.add(5L);
    }

    List<Slice> slices = TimeSliceSizing.slices(5, 7, 100, 10, new Counter(times));

    assertAdjacentCover(slices, 5, 7);
    assertThat(slices).hasSize(2);
  }
}
