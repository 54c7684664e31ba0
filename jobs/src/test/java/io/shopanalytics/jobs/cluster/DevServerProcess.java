package io.shopanalytics.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The dev server ({@link StandInDevServer}) as a process of its own, which a test can stop (SIGTERM,
 * as {@code submit/dev-mongo.sh stop} does) and start again on the same port and data directory.
 */
final class DevServerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final int port;
  private final Path dataDirectory;
  private final Path log;
  private Process process;

  private DevServerProcess(int port, Path workDirectory) {
    this.port = port;
    this.dataDirectory = workDirectory.resolve("dev-server");
    this.log = workDirectory.resolve("dev-server.log");
  }

  /** Started on a free port, its H2 file in {@code workDirectory/dev-server}. */
  static DevServerProcess start(Path workDirectory) {
    DevServerProcess server = new DevServerProcess(FreePort.find(), workDirectory);
    server.start();
    return server;
  }

  String uri() {
    return "mongodb://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  /** Starts it (again): returns once the port accepts connections. */
  void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("dev server already running (pid " + process.pid() + ")");
    }
    String classpath = ProjectFiles.root().resolve("jobs/target/test-classes") + ":" + ProjectFiles.providedClasspath();
    List<String> command = List.of("java", "-Xmx2g", "-cp", classpath, StandInDevServer.class.getName(),
        "--port", String.valueOf(port), "--data-dir", dataDirectory.toString());
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (!acceptsConnections()) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        process.destroyForcibly();
        throw new IllegalStateException("dev server did not start on " + uri() + "; see " + log);
      }
      pause();
    }
  }

  /** SIGTERM, and waits until the process is gone. */
  void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  boolean running() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() {
    stop();
  }

  private boolean acceptsConnections() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
