package io.shopanalytics.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine's 1-minute load average, sampled every few seconds while a size runs: other work on
 * a shared 2-core machine shows here, and the report carries it next to the figures it disturbed.
 */
final class LoadAverage implements AutoCloseable {
  private static final Path PROC_LOADAVG = Path.of("/proc/loadavg");
  private final Thread sampler;
  private double sum;
  private double max;
  private int samples;

  LoadAverage() {
    sampler = new Thread(this::sample, "bench-load-average");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** The current 1-minute load average, or -1 where /proc/loadavg is missing. */
  static double now() {
    try {
      return Double.parseDouble(Files.readString(PROC_LOADAVG).split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private void sample() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        double value = now();
        synchronized (this) {
          sum += value;
          max = Math.max(max, value);
          samples++;
        }
        Thread.sleep(5_000);
      }
    } catch (InterruptedException stopped) {
      // done
    }
  }

  synchronized Map<String, Object> summary() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("mean", samples == 0 ? null : Math.round(sum / samples * 100) / 100.0);
    map.put("max", samples == 0 ? null : max);
    map.put("samples", samples);
    return map;
  }

  @Override
  public void close() {
    sampler.interrupt();
  }
}
