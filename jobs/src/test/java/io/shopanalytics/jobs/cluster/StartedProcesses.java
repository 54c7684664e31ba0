package io.shopanalytics.jobs.cluster;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a test class started (dev server, cluster, clients), stopped in reverse order once: from
 * {@code @AfterAll}, or when the test JVM exits without getting there (failsafe timeout, Ctrl-C),
 * so that no Master, Worker, executor or server outlives the tests.
 */
final class StartedProcesses {
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Thread stopAtExit = new Thread(this::stopAll, "cluster-it-stop");

  StartedProcesses() {
    Runtime.getRuntime().addShutdownHook(stopAtExit);
  }

  synchronized <T extends AutoCloseable> T add(T resource) {
    started.push(resource);
    return resource;
  }

  /** Stops everything, the last started first; a failure to stop one does not keep the others running. */
  synchronized void stopAll() {
    RuntimeException failure = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("could not stop everything", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
