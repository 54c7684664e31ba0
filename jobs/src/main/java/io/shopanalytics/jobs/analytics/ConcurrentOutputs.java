package io.shopanalytics.jobs.analytics;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs a run's outputs side by side, each in its own thread (so their Spark jobs share the cluster
 * through their FAIR pools), and fails as soon as the first one fails. The others are cancelled
 * rather than left computing and writing: with MongoDB unreachable, each of them would otherwise
 * go on retrying for minutes before the run could report its failure.
 */
final class ConcurrentOutputs {
  private ConcurrentOutputs() {}

  /**
   * @param cancel stops the other outputs' work; called at the first failure, and again while
   *     they wind down, since one may have started a job since
   */
  static <T> void runAll(List<Callable<T>> outputs, Runnable cancel) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(outputs.size(), task -> {
      Thread thread = new Thread(task, "analytics-output");
      thread.setDaemon(true);
      return thread;
    });
    try {
      CompletionService<T> running = new ExecutorCompletionService<>(pool);
      outputs.forEach(running::submit);
      Exception failure = null;
      for (int remaining = outputs.size(); remaining > 0; ) {
        // in the order they finish: the first failure is known as soon as it happens
        Future<T> done = failure == null ? running.take() : running.poll(1, TimeUnit.SECONDS);
        if (failure != null) {
          cancel.run();
        }
        if (done == null) {
          continue;
        }
        remaining--;
        try {
          done.get();
        } catch (ExecutionException e) {
          Exception cause = e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
          if (failure == null) {
            failure = cause;
            cancel.run();
          } else {
            failure.addSuppressed(cause);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
