package io.shopanalytics.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A standalone cluster (one Master, two Workers of one core each) started and stopped through
 * {@code submit/local-cluster.sh}, the script users run, on free ports and a directory of its own.
 */
final class LocalClusterScript implements AutoCloseable {
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

  private final Path workDirectory;
  private final Map<String, String> env;
  private final int masterPort;

  private LocalClusterScript(Path workDirectory, int masterPort, int uiPort) {
    this.workDirectory = workDirectory;
    this.masterPort = masterPort;
    this.env = Map.of(
        "LOCAL_CLUSTER_DIR", workDirectory.resolve("cluster").toString(),
        "LOCAL_CLUSTER_MASTER_PORT", String.valueOf(masterPort),
        "LOCAL_CLUSTER_UI_PORT", String.valueOf(uiPort),
        "LOCAL_CLUSTER_WORKERS", "2",
        "LOCAL_CLUSTER_WORKER_CORES", "1");
  }

  /** Returns once both Workers have registered with the Master. */
  static LocalClusterScript start(Path workDirectory) {
    LocalClusterScript cluster = new LocalClusterScript(workDirectory, FreePort.find(), FreePort.find());
    try {
      cluster.run("start");
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /**
   * Stops a cluster left running in {@code workDirectory} by a test JVM that was killed outright
   * (no shutdown hook ran): the script finds its daemons by their pid files.
   */
  static void stopLeftovers(Path workDirectory) {
    new LocalClusterScript(workDirectory, 0, 0).close();
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** Everything the executors of every application logged (stderr in the Workers' work directories). */
  String executorLogs() {
    StringBuilder logs = new StringBuilder();
    try (Stream<Path> files = Files.find(workDirectory.resolve("cluster"), 4,
        (path, attributes) -> path.getFileName().toString().equals("stderr") && path.toString().contains("/work-"))) {
      for (Path file : files.sorted().toList()) {
        logs.append(Files.readString(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return logs.toString();
  }

  /** Stops the Workers (their executors with them) and the Master. */
  @Override
  public void close() {
    run("stop");
  }

  private void run(String action) {
    ProjectScript.run("local-cluster.sh", action, env, workDirectory.resolve("local-cluster.log"), SCRIPT_TIMEOUT);
  }
}
