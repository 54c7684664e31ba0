package io.shopanalytics.jobs.load;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/**
 * Unordered bulk inserts fed by a generator running ahead: generator threads build batches into a
 * small queue, already encoded to BSON ({@link BsonBytes}), and writer threads send them in
 * parallel. Encoding in the generator rather than in the driver's writer path (which looks a codec
 * up in its registry for every nested value) costs the client much less CPU per order, CPU that a
 * stand-in server on the same machine shares (docs/PERFORMANCE.md). The first failure stops every
 * thread and is rethrown; nothing is retried or skipped silently.
 */
final class ParallelInserter {
  /** Tells a writer that no batch follows; compared by identity, so it must be an instance of its own. */
  private static final List<RawBsonDocument> END = java.util.Collections.unmodifiableList(new ArrayList<>());
  private static final InsertManyOptions UNORDERED = new InsertManyOptions().ordered(false);

  private final int writers;
  private final int generators;
  private final int batchSize;
  private final LoadProgress progress;

  ParallelInserter(int writers, int batchSize, LoadProgress progress) {
    this.writers = writers;
    // generation outpaces any server's inserts: one thread keeps up unless there are many cores
    this.generators = Math.max(1, Math.min(writers, Runtime.getRuntime().availableProcessors() / 2));
    this.batchSize = batchSize;
    this.progress = progress;
  }

  void insert(MongoCollection<RawBsonDocument> collection, int count, IntFunction<BsonDocument> generator) {
    String name = collection.getNamespace().getCollectionName();
    BlockingQueue<List<RawBsonDocument>> queue = new ArrayBlockingQueue<>(2 * writers);
    AtomicLong nextStart = new AtomicLong();
    AtomicInteger generatorsRunning = new AtomicInteger(generators);
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(generators + writers, task -> {
      Thread thread = new Thread(task, "load-" + name + "-" + threadNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    CompletionService<Void> tasks = new ExecutorCompletionService<>(pool);
    try {
      for (int g = 0; g < generators; g++) {
        tasks.submit(() -> {
          generate(queue, nextStart, count, generator);
          if (generatorsRunning.decrementAndGet() == 0) {
            for (int w = 0; w < writers; w++) {
              queue.put(END);
            }
          }
          return null;
        });
      }
      for (int w = 0; w < writers; w++) {
        tasks.submit(() -> {
          write(queue, collection, name);
          return null;
        });
      }
      for (int t = 0; t < generators + writers; t++) {
        tasks.take().get();
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IllegalStateException("loading " + name + " failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("loading " + name + " was interrupted", e);
    } finally {
      pool.shutdownNow();
      awaitQuietly(pool);
    }
  }

  private void generate(BlockingQueue<List<RawBsonDocument>> queue, AtomicLong nextStart, int count,
      IntFunction<BsonDocument> generator) throws InterruptedException {
    for (long start = nextStart.getAndAdd(batchSize); start < count; start = nextStart.getAndAdd(batchSize)) {
      int end = (int) Math.min(count, start + batchSize);
      List<RawBsonDocument> batch = new ArrayList<>(end - (int) start);
      for (int i = (int) start; i < end; i++) {
        batch.add(BsonBytes.encode(generator.apply(i)));
      }
      queue.put(batch);
    }
  }

  private void write(BlockingQueue<List<RawBsonDocument>> queue, MongoCollection<RawBsonDocument> collection,
      String name) throws InterruptedException {
    for (List<RawBsonDocument> batch = queue.take(); batch != END; batch = queue.take()) {
      collection.insertMany(batch, UNORDERED);
      progress.add(name, batch.size());
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      // threads blocked in the driver finish their current request; they are daemons either way
      pool.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
