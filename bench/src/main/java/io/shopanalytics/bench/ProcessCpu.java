package io.shopanalytics.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU seconds of the two processes that share the machine: this JVM (Spark's driver and, in local
 * mode, its executors) and the stand-in's child JVM. On a machine whose cores the two keep busy, a
 * run's wall time follows the CPU both spend, so what the suite adds over the scan floor splits
 * into the stand-in's own work (the writes) and Spark's (docs/PERFORMANCE.md, 1).
 */
final class ProcessCpu {
  private final com.sun.management.OperatingSystemMXBean self;
  private final ProcessHandle server;

  /** @param server the stand-in's process, or null when it is not a child of this one */
  ProcessCpu(ProcessHandle server) {
    this.self = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    this.server = server;
  }

  /** CPU seconds of both processes so far. */
  Reading read() {
    Double serverSeconds = server == null ? null
        : server.info().totalCpuDuration().map(ProcessCpu::seconds).orElse(null);
    return new Reading(self.getProcessCpuTime() / 1e9, serverSeconds);
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  /** @param server null when the stand-in's CPU is not known (an external server, or no child) */
  record Reading(double driver, Double server) {
    Reading since(Reading before) {
      return new Reading(driver - before.driver,
          server == null || before.server == null ? null : server - before.server);
    }
  }
}
