package io.shopanalytics.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.bson.BsonDocument;

/**
 * DuckDB's results against what the suite wrote to MongoDB (as {@link ExportedOutputs} copied it),
 * per collection, streamed in key order on both sides (customer analytics can have hundreds of
 * thousands of documents: none is held).
 */
final class OutputAgreement {
  private OutputAgreement() {}

  static Map<String, ResultComparison.Outcome> check(Path exported, DuckDbAnalytics duckdb)
      throws SQLException, IOException {
    Map<String, ResultComparison.Outcome> outcomes = new LinkedHashMap<>();
    for (String collection : ExportedOutputs.COLLECTIONS) {
      List<String> keys = DuckDbAnalytics.KEYS.get(collection);
      try (ExportedOutputs.Documents stored = ExportedOutputs.documents(exported, collection);
           ResultSet computed = duckdb.documents(collection)) {
        Iterator<ResultComparison.Keyed> suite = keyed(stored, keys);
        Iterator<ResultComparison.Keyed> engine = keyed(computed, keys);
        outcomes.put(collection, ResultComparison.compare(collection, suite, engine));
      }
    }
    return outcomes;
  }

  static String key(Map<String, String> leaves, List<String> keys) {
    return keys.stream().map(k -> String.valueOf(leaves.get(k))).collect(Collectors.joining("|"));
  }

  private static Iterator<ResultComparison.Keyed> keyed(Iterator<? extends BsonDocument> cursor, List<String> keys) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return cursor.hasNext();
      }

      @Override
      public ResultComparison.Keyed next() {
        Map<String, String> leaves = FlatDocument.of(cursor.next());
        return new ResultComparison.Keyed(key(leaves, keys), leaves);
      }
    };
  }

  private static Iterator<ResultComparison.Keyed> keyed(ResultSet rows, List<String> keys) {
    return new Iterator<>() {
      private Boolean ahead;

      @Override
      public boolean hasNext() {
        if (ahead == null) {
          try {
            ahead = rows.next();
          } catch (SQLException e) {
            throw new IllegalStateException("Reading DuckDB's results failed", e);
          }
        }
        return ahead;
      }

      @Override
      public ResultComparison.Keyed next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ahead = null;
        try {
          Map<String, String> leaves = FlatDocument.ofJson(rows.getString(1));
          return new ResultComparison.Keyed(key(leaves, keys), leaves);
        } catch (SQLException e) {
          throw new IllegalStateException("Reading DuckDB's results failed", e);
        }
      }
    };
  }
}
