package io.shopanalytics.common.sink;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Up to a fixed number of one task's bulk writes at once ({@code spark.shopanalytics.write.batchesInFlight}):
 * {@link #send} returns as soon as a batch is on its way, once fewer than that many are unanswered.
 * The first failure is thrown by the next {@link #send} or by {@link #awaitAll}; {@link #close}
 * stops whatever is still running (the task failed, or was cancelled), and Spark's retry of the
 * task sends its batches again, which idempotent upserts allow.
 */
final class BatchesInFlight implements AutoCloseable {
  private final int limit;
  private final ExecutorService senders;
  private final Deque<Future<Integer>> unanswered = new ArrayDeque<>();
  private long written;

  BatchesInFlight(int limit, String target) {
    this.limit = limit;
    this.senders = Executors.newFixedThreadPool(limit, runnable -> {
      Thread thread = new Thread(runnable, "bulk-write " + target);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Sends a batch, waiting first for the oldest unanswered one while {@code limit} are unanswered. */
  void send(Callable<Integer> batch) throws InterruptedException {
    while (unanswered.size() >= limit) {
      awaitOldest();
    }
    unanswered.add(senders.submit(batch));
  }

  /** Waits for every batch sent; the documents they wrote. */
  long awaitAll() throws InterruptedException {
    while (!unanswered.isEmpty()) {
      awaitOldest();
    }
    return written;
  }

  private void awaitOldest() throws InterruptedException {
    Future<Integer> oldest = unanswered.peek();
    try {
      written += oldest.get();
      unanswered.poll();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("A bulk write failed", cause);
    }
  }

  /** Stops the senders and waits a while for them, so that a failed task's writes do not outlive it. */
  @Override
  public void close() {
    senders.shutdownNow();
    try {
      senders.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
