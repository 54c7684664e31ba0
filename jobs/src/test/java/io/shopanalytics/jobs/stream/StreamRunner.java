package io.shopanalytics.jobs.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/** A {@link StreamJob} run in a thread of the test's JVM, with its JSON lines at hand. */
final class StreamRunner implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SparkSession spark;
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final StreamJob job;
  private final Thread thread;
  private volatile Throwable failure;

  StreamRunner(SparkSession spark, StreamRequest request) {
    this.spark = spark;
    this.job = new StreamJob(spark, Clock.systemUTC(), new PrintStream(output, true, StandardCharsets.UTF_8));
    this.thread = new Thread(() -> {
      try {
        job.run(request);
      } catch (Throwable e) {
        failure = e;
      }
    }, "stream-under-test");
    thread.start();
  }

  List<JsonNode> lines() {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : output.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("{")) {
        try {
          lines.add(JSON.readTree(line));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return lines;
  }

  List<JsonNode> lines(String event) {
    return lines().stream().filter(line -> line.get("event").asText().equals(event)).toList();
  }

  /** Waits for a line of {@code event} that matches. */
  JsonNode await(String event, Predicate<JsonNode> matching, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode line : lines(event)) {
        if (matching.test(line)) {
          return line;
        }
      }
      if (!thread.isAlive()) {
        throw new AssertionError("the stream ended before a '" + event + "' line: " + failure + "\n" + output);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no matching '" + event + "' line within " + timeout + ":\n" + output);
  }

  /**
   * Waits until the stream has nothing left to do: no batch running or waiting to run, customers not
   * pending, and so for {@code quiet} on end.
   */
  void awaitIdle(Duration quiet, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long idleSince = System.nanoTime();
    int batches = -1;
    while (System.nanoTime() < deadline) {
      StreamingQuery query = spark.streams().active().length == 0 ? null : spark.streams().active()[0];
      List<JsonNode> done = lines("batch");
      boolean pending = !done.isEmpty() && done.get(done.size() - 1).get("customers").asText().equals("pending");
      boolean busy = query == null || query.status().isTriggerActive() || query.status().isDataAvailable() || pending;
      if (busy || done.size() != batches) {
        idleSince = System.nanoTime();
        batches = done.size();
      } else if (System.nanoTime() - idleSince > quiet.toNanos()) {
        return;
      }
      if (!thread.isAlive()) {
        throw new AssertionError("the stream ended: " + failure + "\n" + output);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the stream was not idle within " + timeout + ":\n" + output);
  }

  /** Stops the stream as SIGTERM does and waits for it; returns what it threw (null when it stopped cleanly). */
  Throwable stop(Duration timeout) throws InterruptedException {
    job.stop();
    return awaitEnd(timeout);
  }

  Throwable awaitEnd(Duration timeout) throws InterruptedException {
    thread.join(timeout.toMillis());
    if (thread.isAlive()) {
      throw new AssertionError("the stream did not end within " + timeout + ":\n" + output);
    }
    return failure;
  }

  String output() {
    return output.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    if (thread.isAlive()) {
      job.stop();
      thread.join(60_000);
    }
  }
}
