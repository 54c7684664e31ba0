package io.shopanalytics.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One action of a {@code submit/} script ({@code start}, {@code stop}), as a user runs it, with its output kept. */
final class ProjectScript {
  private ProjectScript() {}

  /** Runs {@code submit/<script> <action>}; fails with the script's output unless it exits 0 in time. */
  static void run(String script, String action, Map<String, String> env, Path output, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(ProjectFiles.root().resolve("submit").resolve(script).toString(), action)
        .directory(ProjectFiles.root().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(script + " " + action + " did not finish within " + timeout + "; see " + output);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(script + " " + action + " exited with " + process.exitValue() + ":\n"
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
