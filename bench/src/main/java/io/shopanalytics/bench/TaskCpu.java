package io.shopanalytics.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * CPU seconds of Spark's tasks: on a shared machine wall time stretches with other people's load,
 * while the work done stays about the same, so each figure reports both.
 */
final class TaskCpu extends SparkListener {
  private final AtomicLong nanos = new AtomicLong();
  private final SparkContext context;

  private TaskCpu(SparkContext context) {
    this.context = context;
  }

  static TaskCpu attach(SparkContext context) {
    TaskCpu meter = new TaskCpu(context);
    context.addSparkListener(meter);
    return meter;
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (taskEnd.taskMetrics() != null) {
      nanos.addAndGet(taskEnd.taskMetrics().executorCpuTime());
    }
  }

  /** Task CPU seconds so far, once the events of finished tasks have been delivered. */
  double seconds() {
    try {
      context.listenerBus().waitUntilEmpty(10_000); // events arrive asynchronously
    } catch (java.util.concurrent.TimeoutException late) {
      // a busy bus: the few events still queued are left out of this reading
    }
    return nanos.get() / 1e9;
  }
}
