package io.shopanalytics.jobs.analytics;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Runs a run's outputs side by side, each in its own thread (so their Spark jobs share the cluster
 * through their FAIR pools), and fails as soon as the first one fails. The others are cancelled
 * rather than left computing and writing: with MongoDB unreachable, each of them would otherwise
 * go on retrying for minutes before the run could report its failure. An output's own side work
 * (the segment history beside the customers' upserts) starts here too ({@link #startBeside}).
 */
final class ConcurrentOutputs {
  private ConcurrentOutputs() {}

  /**
   * @param cancel stops the other outputs' work; called at the first failure, and again while
   *     they wind down, since one may have started a job since
   */
  static <T> void runAll(List<Callable<T>> outputs, Runnable cancel) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(outputs.size(), task -> daemon(task, "analytics-output"));
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
          Exception cause = causeOf(e);
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

  /**
   * {@code work} in a thread of its own, started now, beside the caller's. The thread inherits the
   * caller's Spark job group and pool (Spark hands its local properties to threads started from a
   * thread that has them), so cancelling the caller's group cancels its jobs too.
   */
  static <T> Future<T> startBeside(String name, Callable<T> work) {
    FutureTask<T> started = new FutureTask<>(work);
    daemon(started, name).start();
    return started;
  }

  /** What {@link #startBeside} work returned, or the exception it failed with. */
  static <T> T await(Future<T> started) throws Exception {
    try {
      return started.get();
    } catch (ExecutionException e) {
      throw causeOf(e);
    }
  }

  private static Exception causeOf(ExecutionException e) {
    return e.getCause() instanceof Exception cause ? cause : e;
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
