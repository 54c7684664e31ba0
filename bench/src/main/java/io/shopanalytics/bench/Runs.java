package io.shopanalytics.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Timed repetitions: warm-up runs first (timed but discarded), then the median of the measured runs. */
final class Runs {
  /** Work whose duration is measured; may return its own seconds when only part of it counts. */
  interface Work {
    void run() throws Exception;
  }

  /** The seconds of the measured runs and their median; Spark task CPU seconds per run when metered. */
  record Figure(double median, List<Double> seconds, int warmups, List<Double> cpuSeconds) {
    Figure(double median, List<Double> seconds, int warmups) {
      this(median, seconds, warmups, List.of());
    }

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("median_s", round(median));
      map.put("runs", seconds.size());
      map.put("warmups", warmups);
      map.put("seconds", seconds.stream().map(Runs::round).toList());
      if (!cpuSeconds.isEmpty()) {
        map.put("task_cpu_median_s", round(Runs.median(cpuSeconds)));
        map.put("task_cpu_s", cpuSeconds.stream().map(Runs::round).toList());
      }
      return map;
    }
  }

  private Runs() {}

  static Figure measure(int warmups, int runs, Work work) throws Exception {
    return measure(warmups, runs, work, null);
  }

  /** @param cpu Spark's task CPU meter, or null where the work runs outside Spark */
  static Figure measure(int warmups, int runs, Work work, TaskCpu cpu) throws Exception {
    for (int i = 0; i < warmups; i++) {
      work.run();
    }
    List<Double> seconds = new ArrayList<>();
    List<Double> cpuSeconds = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      double cpuBefore = cpu == null ? 0 : cpu.seconds();
      long started = System.nanoTime();
      work.run();
      seconds.add((System.nanoTime() - started) / 1e9);
      if (cpu != null) {
        cpuSeconds.add(cpu.seconds() - cpuBefore);
      }
    }
    return new Figure(median(seconds), List.copyOf(seconds), warmups, List.copyOf(cpuSeconds));
  }

  /** The middle value; the mean of the two middle values for an even count. */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("No values");
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
