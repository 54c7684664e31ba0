package io.shopanalytics.common.changes;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The fields an update event changed. MongoDB gives them in the event's {@code updateDescription}
 * ({@code updatedFields}, {@code removedFields}, {@code truncatedArrays}). The embedded stand-in
 * has no update description; its update events carry the update's operators where MongoDB puts the
 * {@code documentKey} ({@code {$set: {...}}}), which name the same fields and are read as such.
 */
record UpdatedFields(Set<String> paths, BsonDocument setValues) {
  private static final String OPERATOR_PREFIX = "$";

  /** The fields of an update event, when the event says which. */
  static Optional<UpdatedFields> of(BsonDocument event) {
    BsonValue description = event.get("updateDescription");
    if (description != null && description.isDocument()) {
      return Optional.of(fromDescription(description.asDocument()));
    }
    BsonValue key = event.get("documentKey");
    if (key != null && key.isDocument() && isOperatorDocument(key.asDocument())) {
      return Optional.of(fromOperators(key.asDocument()));
    }
    return Optional.empty();
  }

  private static UpdatedFields fromDescription(BsonDocument description) {
    Set<String> paths = new LinkedHashSet<>();
    BsonDocument updated = description.getDocument("updatedFields", new BsonDocument());
    paths.addAll(updated.keySet());
    for (BsonValue removed : description.getArray("removedFields", new org.bson.BsonArray())) {
      paths.add(removed.isString() ? removed.asString().getValue() : removed.toString());
    }
    for (BsonValue truncated : description.getArray("truncatedArrays", new org.bson.BsonArray())) {
      if (truncated.isDocument() && truncated.asDocument().isString("field")) {
        paths.add(truncated.asDocument().getString("field").getValue());
      }
    }
    return new UpdatedFields(paths, updated);
  }

  private static boolean isOperatorDocument(BsonDocument document) {
    return !document.isEmpty() && document.keySet().stream().allMatch(key -> key.startsWith(OPERATOR_PREFIX));
  }

  private static UpdatedFields fromOperators(BsonDocument operators) {
    Set<String> paths = new LinkedHashSet<>();
    BsonDocument set = new BsonDocument();
    for (Map.Entry<String, BsonValue> operator : operators.entrySet()) {
      if (!operator.getValue().isDocument()) {
        continue;
      }
      BsonDocument fields = operator.getValue().asDocument();
      paths.addAll(fields.keySet());
      if (operator.getKey().equals("$rename")) {
        fields.values().stream().filter(BsonValue::isString).forEach(to -> paths.add(to.asString().getValue()));
      }
      if (operator.getKey().equals("$set") && operators.size() == 1) {
        set = fields;
      }
    }
    return new UpdatedFields(paths, set);
  }

  /** Whether the update changed {@code field} or anything inside it. */
  boolean touches(String field) {
    return paths.stream().anyMatch(path -> path.equals(field) || path.startsWith(field + "."));
  }

  /** Whether the update only set {@code field} to {@code value}, and nothing else. */
  boolean onlySets(String field, BsonValue value) {
    return paths.equals(Set.of(field)) && value.equals(setValues.get(field));
  }
}
