package io.shopanalytics.bench;

import io.shopanalytics.common.config.Secrets;
import io.shopanalytics.devserver.DevMongoServer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The MongoDB the benchmark runs against: a running server given by URI, the embedded server in
 * this JVM, or (the default) the embedded server in a child JVM of its own. The child keeps the
 * stored documents out of the driver's heap, so that the driver's peak heap is the analytics' own;
 * it binds 127.0.0.1 and exits when this JVM goes, even when killed (it reads its stdin to the end).
 */
final class BenchServer implements AutoCloseable {
  enum Mode { child, in_process, external }

  /** Client timeouts that outlast the stand-in's pauses (garbage collection of a big heap on a busy machine). */
  static final String PATIENT = "connectTimeoutMS=60000&serverSelectionTimeoutMS=120000";

  private final Mode mode;
  private final String uri;
  private final Process child;
  private final DevMongoServer embedded;
  private final String description;

  private BenchServer(Mode mode, String uri, Process child, DevMongoServer embedded, String description) {
    this.mode = mode;
    this.uri = uri;
    this.child = child;
    this.embedded = embedded;
    this.description = description;
  }

  static BenchServer external(String uri) {
    return new BenchServer(Mode.external, uri, null, null, "MongoDB at " + Secrets.mask(uri) + " (given with --uri)");
  }

  static BenchServer inProcess() {
    DevMongoServer server = DevMongoServer.start(DevMongoServer.Backend.memory, null, 0);
    return new BenchServer(Mode.in_process, server.connectionString() + "/?" + PATIENT, null, server,
        "embedded mongo-java-server (memory backend) inside the driver JVM: its documents count in the driver's heap");
  }

  /** The stand-in in a child JVM without an oplog: the size benchmark's loads would double its memory. */
  static BenchServer child(String heap, Path log) throws IOException, InterruptedException {
    return child(heap, log, false);
  }

  /** @param oplog whether the stand-in keeps an oplog (change streams) */
  static BenchServer child(String heap, Path log, boolean oplog) throws IOException, InterruptedException {
    int port = freePort();
    // The memory backend's documents are almost all live: at 1,000,000 orders about 11 GB of the
    // heap. G1's adaptive marking threshold then starts a concurrent mark after nearly every young
    // collection, a marking thread that takes one of the two cores while the stand-in serves a read
    // (docs/PERFORMANCE.md, 1). A fixed threshold above the live set marks only when old garbage builds up.
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // a fixed heap: after a full collection G1 would otherwise give memory back and grow again in the next run;
        // touched at start, so that no run pays the kernel for the first use of pages the runs before it never reached
        "-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch", "-XX:+UseG1GC", "-XX:-G1UseAdaptiveIHOP", "-XX:InitiatingHeapOccupancyPercent=80",
        // beside the server's log, to tell a run the collector slowed from one the code did
        "-Xlog:gc:file=" + gcLog(log) + ":uptime,time",
        "-cp", System.getProperty("java.class.path"),
        DevMongoServer.class.getName(), "--port", Integer.toString(port), "--backend", "memory",
        oplog ? "--oplog" : "--no-oplog", "--stop-when-input-ends"));
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    awaitPort(process, port, log.toFile());
    // the stand-in answers nothing while it collects garbage, and a loaded 2-core machine stretches
    // that: the driver's monitor would give up after the default 5 s and fail the run
    return new BenchServer(Mode.child, "mongodb://127.0.0.1:" + port + "/?" + PATIENT, process, null,
        "embedded mongo-java-server (memory backend) in a child JVM (-Xmx" + heap + ", GC log " + gcLog(log)
            + ") on 127.0.0.1:" + port);
  }

  private static Path gcLog(Path log) {
    return log.resolveSibling(log.getFileName() + ".gc");
  }

  Mode mode() {
    return mode;
  }

  /** The child stand-in's process, whose CPU the figures report; null for any other server. */
  ProcessHandle process() {
    return child == null ? null : child.toHandle();
  }

  /**
   * Has the child stand-in collect its garbage now ({@code jcmd <pid> GC.run}), and returns whether it
   * did: a timed step must not pay for what the step before it left (a dropped database of a
   * million orders is gigabytes of the stand-in's heap, which G1 would otherwise reclaim, partly by
   * full collections, during the next step). Nothing happens for a server that is not the child.
   */
  boolean collectGarbage() throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (child == null || !child.isAlive() || !jcmd.toFile().canExecute()) {
      return false;
    }
    Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(child.pid()), "GC.run")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!gc.waitFor(180, TimeUnit.SECONDS)) {
      gc.destroyForcibly();
      return false;
    }
    return gc.exitValue() == 0;
  }

  String uri() {
    return uri;
  }

  String description() {
    return description;
  }

  /** Whether the server is the embedded stand-in rather than MongoDB. */
  boolean embeddedStandIn() {
    return mode != Mode.external;
  }

  @Override
  public void close() throws InterruptedException {
    if (embedded != null) {
      embedded.close();
    }
    if (child != null) {
      try {
        child.getOutputStream().close(); // end of input: the child stops its server and exits
      } catch (IOException alreadyGone) {
        // the child has exited already
      }
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  private static void awaitPort(Process process, int port, File log) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The benchmark's server exited during start-up (see " + log + ")");
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("The benchmark's server did not listen on 127.0.0.1:" + port + " within 60 s");
  }
}
