package io.shopanalytics.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Peak heap use of this JVM (the driver; with a local master the executors run inside it too),
 * sampled every 100 ms by a daemon thread: the most heap in use at once, garbage not yet collected
 * included, so it approaches -Xmx on any long run and says that the run fitted, not how tightly.
 */
final class HeapPeak {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static volatile long peak;
  private static Thread sampler;

  private HeapPeak() {}

  /** Starts sampling (once) and forgets the peak so far. */
  static synchronized void reset() {
    peak = 0;
    if (sampler == null) {
      sampler = new Thread(HeapPeak::sample, "bench-heap-peak");
      sampler.setDaemon(true);
      sampler.start();
    }
  }

  private static void sample() {
    try {
      while (true) {
        long used = MEMORY.getHeapMemoryUsage().getUsed();
        if (used > peak) {
          peak = used;
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException stopped) {
      // daemon: ends with the JVM
    }
  }

  static long peakBytes() {
    return Math.max(peak, MEMORY.getHeapMemoryUsage().getUsed());
  }

  static long maxBytes() {
    return Runtime.getRuntime().maxMemory();
  }
}
