package io.shopanalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {
  @Test
  void readsThisJvmsCpuAndAChildsAndTheirDifferences() throws Exception {
    // busy for seconds, longer than the test reads it, so the child spends CPU between the two readings
    Process child = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 3000000 ]; do i=$((i+1)); done").start();
    try {
      ProcessCpu meter = new ProcessCpu(child.toHandle());
      ProcessCpu.Reading before = meter.read();
      long spin = System.nanoTime() + 300_000_000L;
      double sink = 0;
      while (System.nanoTime() < spin) {
        sink += Math.sqrt(sink + 1);
      }
      Thread.sleep(1500); // the child's loop runs meanwhile
      ProcessCpu.Reading spent = meter.read().since(before);
      assertThat(sink).isPositive();
      assertThat(spent.driver()).isGreaterThan(0.2);
      assertThat(spent.server()).isNotNull().isGreaterThan(0.0);
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void noChildNoServerCpu() {
    ProcessCpu.Reading reading = new ProcessCpu(null).read();
    assertThat(reading.server()).isNull();
    assertThat(reading.since(new ProcessCpu.Reading(0, 1.0)).server()).isNull();
  }
}
