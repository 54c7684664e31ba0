package io.shopanalytics.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** An executor JVM killed with SIGKILL while it ran tasks of a run whose first stage had completed. */
record KilledExecutor(String applicationId, String executorId, long pid, int completedStagesBefore) {

  /**
   * Waits until the run's first stage has completed and an executor is running tasks, then kills
   * that executor's JVM (kill -9) and waits until it is gone.
   */
  static KilledExecutor afterFirstStage(SubmittedRun run, DriverUi ui, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      assertThat(run.alive()).as(run.describe() + " ended before an executor could be killed").isTrue();
      assertThat(Instant.now()).as("no busy executor after the first stage within " + timeout).isBefore(deadline);
      Optional<KilledExecutor> killed = ui.applicationId().flatMap(app -> killBusyExecutor(app, ui));
      if (killed.isPresent()) {
        return killed.get();
      }
      Pause.briefly();
    }
  }

  private static Optional<KilledExecutor> killBusyExecutor(String applicationId, DriverUi ui) {
    int completed = ui.completedStages(applicationId);
    if (completed < 1) {
      return Optional.empty();
    }
    for (Map.Entry<String, Integer> executor : ui.activeTasksByExecutor(applicationId).entrySet()) {
      if (executor.getValue() > 0) {
        Optional<ProcessHandle> jvm = ExecutorJvms.find(applicationId, executor.getKey());
        if (jvm.isPresent()) {
          jvm.get().destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to the driver
          jvm.get().onExit().join();
          return Optional.of(new KilledExecutor(applicationId, executor.getKey(), jvm.get().pid(), completed));
        }
      }
    }
    return Optional.empty();
  }
}
