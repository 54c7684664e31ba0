package io.shopanalytics.jobs.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The dev server, started and stopped through {@code submit/dev-mongo.sh} as a user does (stop is a
 * SIGTERM), on a free port, with the H2 backend: its file keeps the orders and whatever a run wrote
 * across a stop and a start, as a real MongoDB would.
 */
final class DevMongoScript implements AutoCloseable {
  /** The H2 backend reads its whole file when it opens: tens of seconds for what these tests load. */
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);

  private final Path workDirectory;
  private final int port;
  private final Map<String, String> env;

  private DevMongoScript(Path workDirectory, int port) {
    this.workDirectory = workDirectory;
    this.port = port;
    this.env = Map.of(
        "DEV_MONGO_PORT", String.valueOf(port),
        "DEV_MONGO_DIR", workDirectory.resolve("dev-mongo").toString(),
        "DEV_MONGO_BACKEND", "h2",
        "DEV_MONGO_START_TIMEOUT", String.valueOf(SCRIPT_TIMEOUT.toSeconds() - 10));
  }

  static DevMongoScript start(Path workDirectory) {
    DevMongoScript server = new DevMongoScript(workDirectory, FreePort.find());
    server.start();
    return server;
  }

  /** Stops a server left running in {@code workDirectory} by a test JVM that was killed outright. */
  static void stopLeftovers(Path workDirectory) {
    new DevMongoScript(workDirectory, 0).stop();
  }

  String uri() {
    return "mongodb://127.0.0.1:" + port;
  }

  /** {@code 127.0.0.1:port}, as MongoDB's driver names the server in its errors. */
  String address() {
    return "127.0.0.1:" + port;
  }

  /** Starts it (again, on the same port and file); returns once it accepts connections. */
  void start() {
    ProjectScript.run("dev-mongo.sh", "start", env, workDirectory.resolve("dev-mongo.log"), SCRIPT_TIMEOUT);
  }

  /** Stops it (SIGTERM); returns once the process is gone. */
  void stop() {
    ProjectScript.run("dev-mongo.sh", "stop", env, workDirectory.resolve("dev-mongo.log"), SCRIPT_TIMEOUT);
  }

  @Override
  public void close() {
    stop();
  }
}
