package io.shopanalytics.jobs.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The executor JVMs the Workers launched for an application, found by their command line
 * ({@code CoarseGrainedExecutorBackend ... --executor-id N ... --app-id APP}): only this run's
 * executors can match, whatever else runs on the machine.
 */
final class ExecutorJvms {
  private static final String EXECUTOR_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

  private ExecutorJvms() {}

  static Optional<ProcessHandle> find(String applicationId, String executorId) {
    return ProcessHandle.allProcesses()
        .filter(process -> {
          List<String> arguments = Arrays.asList(process.info().arguments().orElse(new String[0]));
          return arguments.contains(EXECUTOR_CLASS)
              && follows(arguments, "--app-id", applicationId)
              && follows(arguments, "--executor-id", executorId);
        })
        .findFirst();
  }

  private static boolean follows(List<String> arguments, String option, String value) {
    int at = arguments.indexOf(option);
    return at >= 0 && at + 1 < arguments.size() && arguments.get(at + 1).equals(value);
  }
}
