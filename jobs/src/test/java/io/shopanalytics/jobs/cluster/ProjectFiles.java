package io.shopanalytics.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where the cluster tests find the project (scripts, packaged jar) and keep their own files. */
final class ProjectFiles {
  private ProjectFiles() {}

  /** The repository root: failsafe passes it as {@code project.root}. */
  static Path root() {
    String configured = System.getProperty("project.root");
    Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
    if (!Files.isRegularFile(root.resolve("submit/spark-submit.sh"))) {
      throw new IllegalStateException("not the project root (no submit/spark-submit.sh): " + root);
    }
    return root;
  }

  /** The packaged jar and launcher class path must exist: these tests run after {@code package}. */
  static String providedClasspath() {
    Path file = root().resolve("jobs/target/provided-classpath.txt");
    if (!Files.isRegularFile(file) || !Files.isRegularFile(root().resolve("jobs/target/shop-analytics-jobs.jar"))) {
      throw new IllegalStateException("run after `package` (mvn -B -Pcluster verify): " + file + " is missing");
    }
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A directory of the cluster tests' own, under jobs/target/cluster-it. */
  static Path workDirectory(String name) {
    return root().resolve("jobs/target/cluster-it").resolve(name);
  }

  /** {@code directory}, created or emptied of what an earlier run left. */
  static Path emptied(Path directory) {
    try {
      if (Files.exists(directory)) {
        try (Stream<Path> paths = Files.walk(directory)) {
          for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
