package io.shopanalytics.devserver;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.Map;

/** The part of a query that a unique index can answer by one point lookup: its keys' plain equalities. */
final class KeyEqualities {
  private KeyEqualities() {}

  /**
   * {@code {key: value, ...}} for every key of {@code index}, or null when the index is not unique,
   * or the query lacks one of its keys, or tests one with anything but equality to a plain value
   * (an operator, a sub-document, an array, a regular expression or null: each matches more
   * documents than the index entry of that value, and is left to the full match).
   */
  static Document of(Index<?> index, Map<String, Object> query) {
    if (!index.isUnique()) {
      return null;
    }
    Document equalities = new Document();
    for (IndexKey key : index.getKeys()) {
      Object value = query.get(key.getKey());
      if (!isPlain(value)) {
        return null;
      }
      equalities.put(key.getKey(), value);
    }
    return equalities;
  }

  private static boolean isPlain(Object value) {
    return value != null
        && !(value instanceof Map)
        && !(value instanceof Collection)
        && !BsonRegularExpression.isRegularExpression(value);
  }
}
