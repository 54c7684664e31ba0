package io.shopanalytics.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Waits, before each measured run, until the machine has been mostly idle for a few seconds: on a
 * shared machine another build's compilation or tests would otherwise land in one run and not in
 * another. Between runs the benchmark's own processes are idle, so what the CPU counters show then
 * is other work (or the stand-in still collecting the garbage of the previous step). The wait is
 * bounded, and a run that starts on a busy machine says so in the results.
 */
final class QuietMachine {
  private static final Path PROC_STAT = Path.of("/proc/stat");
  private static final long WINDOW_MILLIS = 5_000;

  /** How idle the machine was over the window before a run, and how long the run waited for it. */
  record Gate(double idleFraction, double waitedSeconds, boolean quiet) {}

  /** Work that precedes the wait, such as the stand-in collecting its garbage; false when nothing was done. */
  @FunctionalInterface
  interface Settle {
    boolean settle() throws Exception;
  }

  private final double minIdle;
  private final long maxWaitMillis;
  private final Settle settle;

  /**
   * @param minIdle the fraction of CPU time idle over the window a run waits for; 0 never waits
   * @param maxWaitSeconds how long a run waits at most
   */
  QuietMachine(double minIdle, int maxWaitSeconds) {
    this(minIdle, maxWaitSeconds * 1000L, () -> false);
  }

  private QuietMachine(double minIdle, long maxWaitMillis, Settle settle) {
    this.minIdle = minIdle;
    this.maxWaitMillis = maxWaitMillis;
    this.settle = settle;
  }

  /** The same gate, with {@code first} done before each wait (the wait then also covers what it leaves running). */
  QuietMachine settlingFirst(Settle first) {
    return new QuietMachine(minIdle, maxWaitMillis, first);
  }

  /** Settles, then waits for a quiet machine; null when this gate never waits. */
  Gate await() throws Exception {
    settle.settle();
    if (minIdle <= 0) {
      return null;
    }
    long started = System.nanoTime();
    double idle;
    do {
      idle = idleOver(WINDOW_MILLIS);
    } while (idle >= 0 && idle < minIdle && (System.nanoTime() - started) / 1_000_000 < maxWaitMillis);
    return new Gate(Math.round(idle * 1000) / 1000.0, Runs.round((System.nanoTime() - started) / 1e9),
        idle < 0 || idle >= minIdle);
  }

  /** The fraction of all CPU time that was idle over the next {@code millis}, or -1 without /proc/stat. */
  static double idleOver(long millis) throws InterruptedException {
    long[] before = cpuTimes();
    Thread.sleep(millis);
    long[] after = cpuTimes();
    if (before == null || after == null || after[0] == before[0]) {
      return -1;
    }
    return (double) (after[1] - before[1]) / (after[0] - before[0]);
  }

  /** {total, idle} jiffies of all CPUs (idle counts I/O wait), or null. */
  private static long[] cpuTimes() {
    try {
      String[] cpu = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < cpu.length && i <= 8; i++) {
        total += Long.parseLong(cpu[i]);
      }
      return new long[] {total, Long.parseLong(cpu[4]) + Long.parseLong(cpu[5])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
