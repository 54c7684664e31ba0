package io.shopanalytics.bench;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.bson.RawBsonDocument;

/**
 * The suite's output collections copied to files, each sorted by its key, so that DuckDB's results
 * are compared with them after the stand-in has stopped: at 1,000,000 orders the stand-in's heap
 * and DuckDB's memory did not fit the machine together (docs/PERFORMANCE.md). A file holds the
 * documents' BSON bytes one after the other, each preceded by its length.
 */
final class ExportedOutputs {
  static final List<String> COLLECTIONS = List.of("product_analytics", "sales_analytics", "customer_analytics");

  private ExportedOutputs() {}

  /** Copies the output collections under {@code directory}; returns the documents copied per collection. */
  static Map<String, Long> export(MongoDatabase database, Path directory) throws IOException {
    Files.createDirectories(directory);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String collection : COLLECTIONS) {
      long count = 0;
      try (MongoCursor<RawBsonDocument> stored = database.getCollection(collection, RawBsonDocument.class).find()
              .sort(Sorts.ascending(DuckDbAnalytics.KEYS.get(collection))).batchSize(2000).cursor();
           DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
               Files.newOutputStream(file(directory, collection)), 1 << 16))) {
        while (stored.hasNext()) {
          RawBsonDocument document = stored.next();
          byte[] bytes = new byte[document.getByteBuffer().remaining()];
          document.getByteBuffer().get(bytes);
          out.writeInt(bytes.length);
          out.write(bytes);
          count++;
        }
      }
      counts.put(collection, count);
    }
    return counts;
  }

  /** The documents of one exported collection, in key order; the caller closes the stream. */
  static Documents documents(Path directory, String collection) throws IOException {
    return new Documents(Files.newInputStream(file(directory, collection)));
  }

  private static Path file(Path directory, String collection) {
    return directory.resolve(collection + ".bson");
  }

  /** Reads the documents one at a time: customer analytics can hold hundreds of thousands. */
  static final class Documents implements Iterator<RawBsonDocument>, AutoCloseable {
    private final DataInputStream in;
    private RawBsonDocument ahead;

    private Documents(InputStream file) {
      this.in = new DataInputStream(new BufferedInputStream(file, 1 << 16));
    }

    @Override
    public boolean hasNext() {
      if (ahead == null) {
        try {
          byte[] bytes = new byte[in.readInt()];
          in.readFully(bytes);
          ahead = new RawBsonDocument(bytes);
        } catch (EOFException end) {
          return false;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return true;
    }

    @Override
    public RawBsonDocument next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      RawBsonDocument next = ahead;
      ahead = null;
      return next;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
