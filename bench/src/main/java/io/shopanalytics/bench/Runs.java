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

  /**
   * The seconds of the measured runs and their median; Spark task CPU seconds and the two
   * processes' CPU seconds ({@link ProcessCpu}) per run when metered; how quiet the machine was
   * before each run ({@link QuietMachine}).
   */
  record Figure(double median, List<Double> seconds, int warmups, List<Double> cpuSeconds,
      List<QuietMachine.Gate> gates, List<ProcessCpu.Reading> processCpu) {
    Figure(double median, List<Double> seconds, int warmups) {
      this(median, seconds, warmups, List.of(), List.of(), List.of());
    }

    /** The median of the driver JVM's CPU seconds per run, or null when not metered. */
    Double driverCpuMedian() {
      return processCpu.isEmpty() ? null : Runs.median(processCpu.stream().map(ProcessCpu.Reading::driver).toList());
    }

    /** The median of the stand-in's CPU seconds per run, or null when not known. */
    Double serverCpuMedian() {
      return processCpu.isEmpty() || processCpu.stream().anyMatch(reading -> reading.server() == null) ? null
          : Runs.median(processCpu.stream().map(ProcessCpu.Reading::server).toList());
    }

    /** The median of the task CPU seconds, or null when not metered. */
    Double cpuMedian() {
      return cpuSeconds.isEmpty() ? null : Runs.median(cpuSeconds);
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
      if (!gates.isEmpty()) {
        map.put("idle_before_runs", gates.stream().map(QuietMachine.Gate::idleFraction).toList());
        map.put("waited_for_quiet_s", round(gates.stream().mapToDouble(QuietMachine.Gate::waitedSeconds).sum()));
        map.put("all_runs_started_quiet", gates.stream().allMatch(QuietMachine.Gate::quiet));
      }
      if (!processCpu.isEmpty()) {
        map.put("driver_cpu_median_s", round(driverCpuMedian()));
        map.put("driver_cpu_s", processCpu.stream().map(reading -> round(reading.driver())).toList());
        Double server = serverCpuMedian();
        if (server != null) {
          map.put("stand_in_cpu_median_s", round(server));
          map.put("stand_in_cpu_s", processCpu.stream().map(reading -> round(reading.server())).toList());
        }
      }
      return map;
    }
  }

  private Runs() {}

  static Figure measure(int warmups, int runs, Work work) throws Exception {
    return measure(warmups, runs, work, Meters.NONE, new QuietMachine(0, 0));
  }

  /** Spark's task CPU and the two processes' CPU, each null where not metered. */
  record Meters(TaskCpu tasks, ProcessCpu processes) {
    static final Meters NONE = new Meters(null, null);
  }

  /**
   * @param meters what each measured run's CPU is read from
   * @param quiet what each measured run waits for before it starts
   */
  static Figure measure(int warmups, int runs, Work work, Meters meters, QuietMachine quiet) throws Exception {
    return interleaved(warmups, runs, List.of(work), meters, quiet).get(0);
  }

  /**
   * Several works measured in turns, one run of each per round (warm-ups too), so that whatever
   * drifts during the measurement (the server's heap and garbage collection, the machine's load)
   * weighs on each of them alike: the way to measure two figures whose ratio is reported.
   *
   * @return one figure per work, in the order given
   */
  static List<Figure> interleaved(int warmups, int runs, List<Work> works, Meters meters, QuietMachine quiet)
      throws Exception {
    for (int i = 0; i < warmups; i++) {
      for (Work work : works) {
        work.run();
      }
    }
    List<Measured> measured = works.stream().map(work -> new Measured()).toList();
    for (int i = 0; i < runs; i++) {
      for (int w = 0; w < works.size(); w++) {
        measured.get(w).run(works.get(w), meters, quiet);
      }
    }
    return measured.stream().map(m -> m.figure(warmups)).toList();
  }

  /** One work's measured runs so far. */
  private static final class Measured {
    private final List<Double> seconds = new ArrayList<>();
    private final List<Double> cpuSeconds = new ArrayList<>();
    private final List<QuietMachine.Gate> gates = new ArrayList<>();
    private final List<ProcessCpu.Reading> processCpu = new ArrayList<>();

    void run(Work work, Meters meters, QuietMachine quiet) throws Exception {
      QuietMachine.Gate gate = quiet.await();
      if (gate != null) {
        gates.add(gate);
      }
      TaskCpu cpu = meters.tasks();
      double cpuBefore = cpu == null ? 0 : cpu.seconds();
      ProcessCpu.Reading processesBefore = meters.processes() == null ? null : meters.processes().read();
      long started = System.nanoTime();
      work.run();
      seconds.add((System.nanoTime() - started) / 1e9);
      if (processesBefore != null) {
        processCpu.add(meters.processes().read().since(processesBefore));
      }
      if (cpu != null) {
        cpuSeconds.add(cpu.seconds() - cpuBefore);
      }
    }

    Figure figure(int warmups) {
      return new Figure(median(seconds), List.copyOf(seconds), warmups, List.copyOf(cpuSeconds), List.copyOf(gates),
          List.copyOf(processCpu));
    }
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
