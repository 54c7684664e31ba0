package io.shopanalytics.common.changes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The stream's first position, kept in the source's checkpoint folder. Spark asks a source for its
 * initial offset again when the query restarts before its first batch was committed: a new
 * "now" would skip what came in between, so the first answer is written down and given again.
 */
final class InitialOffsetStore {
  private static final String FILE = "initial-offset.json";
  private final String checkpointLocation;

  InitialOffsetStore(String checkpointLocation) {
    this.checkpointLocation = checkpointLocation;
  }

  ChangeOffset getOrCreate(Supplier<ChangeOffset> create) {
    Path file = new Path(checkpointLocation, FILE);
    try {
      FileSystem fs = file.getFileSystem(hadoopConf());
      if (fs.exists(file)) {
        try (FSDataInputStream in = fs.open(file)) {
          return ChangeOffset.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      ChangeOffset created = create.get();
      Path temporary = new Path(checkpointLocation, "." + FILE + ".tmp");
      try (FSDataOutputStream out = fs.create(temporary, true)) {
        out.write(created.json().getBytes(StandardCharsets.UTF_8));
      }
      if (!fs.rename(temporary, file)) {
        throw new IOException("cannot rename " + temporary + " to " + file);
      }
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException("The stream's first position cannot be kept in " + file + ": " + e.getMessage(), e);
    }
  }

  private static Configuration hadoopConf() {
    return SparkSession.active().sessionState().newHadoopConf();
  }
}
