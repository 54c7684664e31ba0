package io.shopanalytics.common.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** Seconds spent per stage of a run, in the order the stages ran (thread-safe for parallel stages). */
public final class StageTimer {
  private final Map<String, Double> seconds = new LinkedHashMap<>();

  public <T> T time(String stage, Callable<T> work) throws Exception {
    long started = System.nanoTime();
    try {
      return work.call();
    } finally {
      record(stage, (System.nanoTime() - started) / 1e9);
    }
  }

  public synchronized void record(String stage, double elapsedSeconds) {
    seconds.merge(stage, Math.round(elapsedSeconds * 1000) / 1000.0, Double::sum);
  }

  public synchronized Map<String, Double> seconds() {
    return new LinkedHashMap<>(seconds);
  }
}
