package io.shopanalytics.jobs.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a job through {@code submit/spark-submit.sh} (client mode: the driver is this
 * process), against a master and a MongoDB URI, with its stdout and stderr kept in files.
 */
final class SubmittedRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private SubmittedRun(String name, Process process, Path stdout, Path stderr) {
    this.name = name;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** @param arguments script options and the job with its options, as a user would type them */
  static SubmittedRun start(String name, Path logDirectory, String master, String mongoUri, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(ProjectFiles.root().resolve("submit/spark-submit.sh").toString());
    command.addAll(arguments);
    Path stdout = logDirectory.resolve(name + ".stdout");
    Path stderr = logDirectory.resolve(name + ".stderr");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(ProjectFiles.root().toFile())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    Map<String, String> env = builder.environment();
    env.remove("SPARK_HOME"); // the project's own Spark jars, the same version as the cluster's
    env.remove("MONGODB_URI_FILE");
    env.put("SPARK_MASTER", master);
    env.put("MONGODB_URI", mongoUri);
    try {
      return new SubmittedRun(name, builder.start(), stdout, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The exit code; a run still going after {@code timeout} is killed and reported as hanging. */
  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        throw new AssertionError(name + " still running after " + timeout + " (hangs?); see " + stderr);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  String stderr() {
    return read(stderr);
  }

  /** The run summary: the last line of stdout, one JSON object. */
  Map<String, Object> summary() {
    List<String> lines = read(stdout).lines().filter(line -> line.startsWith("{")).toList();
    if (lines.isEmpty()) {
      throw new AssertionError(name + " printed no run summary; stderr: " + stderr);
    }
    try {
      return JSON.readValue(lines.get(lines.size() - 1), new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new AssertionError(name + ": the last JSON line of stdout does not parse", e);
    }
  }

  String describe() {
    return name + " (stdout " + stdout + ", stderr " + stderr + ")";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
