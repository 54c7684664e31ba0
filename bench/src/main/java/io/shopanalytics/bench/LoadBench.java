package io.shopanalytics.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.mongo.SourceCollections;
import io.shopanalytics.jobs.load.BsonBytes;
import io.shopanalytics.jobs.load.LoadCommand;
import io.shopanalytics.jobs.load.LoadSpec;
import io.shopanalytics.jobs.load.SeedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.RawBsonDocument;
import picocli.CommandLine;

/**
 * The load figures: the loader's order throughput, and the raw floor, the same order documents
 * (same spec and seed) generated beforehand and sent with plain {@code insertMany}, with the
 * loader's batch size, writer threads and write concern, into an empty collection with no
 * secondary index. Only the inserts are timed; documents are generated in chunks between them so
 * that a million of them never sit in the heap at once.
 */
final class LoadBench {
  static final LocalDate FROM = LocalDate.of(2024, 1, 1);
  static final LocalDate TO = LocalDate.of(2024, 12, 31);
  static final int BATCH = 1000;
  static final int WRITERS = 4;
  private static final int CHUNK = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String uri;
  private final PrintWriter log;

  LoadBench(String uri, PrintWriter log) {
    this.uri = uri;
    this.log = log;
  }

  static LoadSpec spec(int orders, long seed) {
    return new LoadSpec(users(orders), PRODUCTS, orders, FROM, TO, seed);
  }

  static final int PRODUCTS = 1000;

  /** Customers grow with orders, at the loader's default ratio (20,000 users for 100,000 orders). */
  static int users(int orders) {
    return Math.max(1, orders / 5);
  }

  /** Runs the {@code load} command (dropping what was there) and returns its orders per second. */
  double loader(String database, LoadSpec spec) {
    StringWriter out = new StringWriter();
    CommandLine load = new CommandLine(new LoadCommand()).setOut(new PrintWriter(out, true)).setErr(log);
    int exit = load.execute("--uri", uri, "--database", database, "--drop",
        "--users", Integer.toString(spec.users()), "--products", Integer.toString(spec.products()),
        "--orders", Integer.toString(spec.orders()), "--seed", Long.toString(spec.seed()),
        "--from", spec.from().toString(), "--to", spec.to().toString(),
        "--batch-size", Integer.toString(BATCH), "--writers", Integer.toString(WRITERS));
    if (exit != 0) {
      throw new IllegalStateException("load exited with " + exit);
    }
    try {
      JsonNode summary = JSON.readTree(out.toString().trim().lines().reduce((a, b) -> b).orElseThrow());
      return summary.get("orders_per_second").asDouble();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("load printed no summary: " + out, e);
    }
  }

  /**
   * The loader's client-side work alone, no server: orders generated and encoded to BSON, as the
   * loader's generator and writer threads do, in one thread; returns orders per second. The floor
   * excludes this work and the loader pays it on the same cores as the server.
   *
   * @param limit at most this many orders (the rate is flat beyond a few hundred thousand)
   */
  static double generation(LoadSpec spec, int limit) {
    SeedData data = new SeedData(spec);
    int count = Math.min(spec.orders(), limit);
    long bytes = 0;
    long started = System.nanoTime();
    for (int i = 0; i < count; i++) {
      bytes += BsonBytes.encode(data.order(i)).getByteBuffer().remaining();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (bytes == 0) {
      throw new IllegalStateException("no order generated");
    }
    return count / seconds;
  }

  /** Inserts the spec's orders into {@code database}.orders, timed per chunk; returns orders per second. */
  double floor(String database, LoadSpec spec) throws Exception {
    MongoClient client = MongoClientCache.get(uri);
    MongoCollection<RawBsonDocument> target = client.getDatabase(database)
        .getCollection(SourceCollections.ORDERS, RawBsonDocument.class).withWriteConcern(WriteConcern.MAJORITY);
    target.drop();
    SeedData data = new SeedData(spec);
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS, r -> {
      Thread thread = new Thread(r, "bench-floor-writer");
      thread.setDaemon(true);
      return thread;
    });
    long insertNanos = 0;
    try {
      for (int start = 0; start < spec.orders(); start += CHUNK) {
        int end = Math.min(spec.orders(), start + CHUNK);
        List<List<RawBsonDocument>> batches = new ArrayList<>();
        for (int batchStart = start; batchStart < end; batchStart += BATCH) {
          List<RawBsonDocument> batch = new ArrayList<>(BATCH);
          for (int i = batchStart; i < Math.min(end, batchStart + BATCH); i++) {
            batch.add(BsonBytes.encode(data.order(i)));
          }
          batches.add(batch);
        }
        insertNanos += insertAll(target, batches, writers);
      }
    } finally {
      writers.shutdownNow();
      target.drop();
    }
    return spec.orders() / (insertNanos / 1e9);
  }

  private static long insertAll(MongoCollection<RawBsonDocument> target, List<List<RawBsonDocument>> batches,
      ExecutorService writers) throws Exception {
    AtomicInteger next = new AtomicInteger();
    InsertManyOptions unordered = new InsertManyOptions().ordered(false);
    long started = System.nanoTime();
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      running.add(writers.submit(() -> {
        for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
          target.insertMany(batches.get(i), unordered);
        }
        return null;
      }));
    }
    for (Future<?> writer : running) {
      writer.get();
    }
    return System.nanoTime() - started;
  }
}
