package io.shopanalytics.jobs.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap use of this JVM (the driver; with a local master the executors run inside it too): the
 * sum of the heap pools' peaks since the last reset. Each pool peaks at its own moment, so the sum
 * is an upper bound of the true peak, never an underestimate.
 */
final class HeapPeak {
  private HeapPeak() {}

  static void reset() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  static long peakBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  static long maxBytes() {
    return Runtime.getRuntime().maxMemory();
  }
}
