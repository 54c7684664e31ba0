package io.shopanalytics.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A standalone cluster (one Master, two Workers of one core each) started and stopped through
 * {@code submit/local-cluster.sh}, the script users run, on free ports and a directory of its own.
 */
final class LocalClusterScript implements AutoCloseable {
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

  private final Path directory;
  private final int masterPort;
  private final int uiPort;

  private LocalClusterScript(Path directory, int masterPort, int uiPort) {
    this.directory = directory;
    this.masterPort = masterPort;
    this.uiPort = uiPort;
  }

  /** Returns once both workers have registered with the Master. */
  static LocalClusterScript start(Path workDirectory) {
    LocalClusterScript cluster = new LocalClusterScript(workDirectory.resolve("cluster"), FreePort.find(),
        FreePort.find());
    try {
      cluster.run("start");
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** Where the Workers keep the executors' work directories (stdout/stderr per executor). */
  Path directory() {
    return directory;
  }

  @Override
  public void close() {
    run("stop");
  }

  private void run(String action) {
    Path output = directory.resolveSibling("local-cluster-" + action + ".log");
    ProcessBuilder builder = new ProcessBuilder(ProjectFiles.root().resolve("submit/local-cluster.sh").toString(), action)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    Map<String, String> env = builder.environment();
    env.put("LOCAL_CLUSTER_DIR", directory.toString());
    env.put("LOCAL_CLUSTER_MASTER_PORT", String.valueOf(masterPort));
    env.put("LOCAL_CLUSTER_UI_PORT", String.valueOf(uiPort));
    env.put("LOCAL_CLUSTER_WORKERS", "2");
    env.put("LOCAL_CLUSTER_WORKER_CORES", "1");
    try {
      Process process = builder.start();
      if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("local-cluster.sh " + action + " did not finish; see " + output);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("local-cluster.sh " + action + " exited with " + process.exitValue() + ":\n"
            + Files.readString(output));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
