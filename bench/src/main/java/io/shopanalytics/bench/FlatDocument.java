package io.shopanalytics.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopanalytics.common.lease.WriteFence;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A document as {@code path -> value} leaves, in one notation for both engines, so that a stored
 * MongoDB document and a DuckDB JSON row compare field by field. Numbers compare by value whatever
 * their type or scale (decimal128 {@code 12.30}, double {@code 12.3} and JSON {@code 12.3} are one
 * value), ObjectIds as their hex form, dates as epoch milliseconds; an array also records its length,
 * so that a missing or extra entry shows even when it would have no leaves.
 */
final class FlatDocument {
  /** Bookkeeping fields of the writer, not part of the contract's comparison. */
  static final Set<String> IGNORED = Set.of("_id", "created_at", "updated_at", WriteFence.TOKEN);
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private FlatDocument() {}

  static Map<String, String> of(BsonDocument document) {
    Map<String, String> leaves = new TreeMap<>();
    document.forEach((name, value) -> {
      if (!IGNORED.contains(name)) {
        flatten(name, value, leaves);
      }
    });
    return leaves;
  }

  static Map<String, String> ofJson(String json) {
    try {
      Map<String, String> leaves = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = JSON.readTree(json).fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!IGNORED.contains(field.getKey())) {
          flatten(field.getKey(), field.getValue(), leaves);
        }
      }
      return leaves;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("Not a JSON document: " + json, e);
    }
  }

  private static void flatten(String path, BsonValue value, Map<String, String> leaves) {
    switch (value.getBsonType()) {
      case DOCUMENT -> value.asDocument().forEach((name, child) -> flatten(path + "." + name, child, leaves));
      case ARRAY -> {
        leaves.put(path + ".length", number(BigDecimal.valueOf(value.asArray().size())));
        for (int i = 0; i < value.asArray().size(); i++) {
          flatten(path + "." + i, value.asArray().get(i), leaves);
        }
      }
      case NULL -> leaves.put(path, "null");
      case STRING -> leaves.put(path, text(value.asString().getValue()));
      case OBJECT_ID -> leaves.put(path, text(value.asObjectId().getValue().toHexString()));
      case BOOLEAN -> leaves.put(path, Boolean.toString(value.asBoolean().getValue()));
      case DATE_TIME -> leaves.put(path, number(BigDecimal.valueOf(value.asDateTime().getValue())));
      case INT32 -> leaves.put(path, number(BigDecimal.valueOf(value.asInt32().getValue())));
      case INT64 -> leaves.put(path, number(BigDecimal.valueOf(value.asInt64().getValue())));
      case DOUBLE -> leaves.put(path, number(BigDecimal.valueOf(value.asDouble().getValue())));
      case DECIMAL128 -> leaves.put(path, number(value.asDecimal128().getValue().bigDecimalValue()));
      default -> leaves.put(path, value.getBsonType() + ":" + value);
    }
  }

  private static void flatten(String path, JsonNode value, Map<String, String> leaves) {
    if (value.isObject()) {
      value.fields().forEachRemaining(field -> flatten(path + "." + field.getKey(), field.getValue(), leaves));
    } else if (value.isArray()) {
      leaves.put(path + ".length", number(BigDecimal.valueOf(value.size())));
      for (int i = 0; i < value.size(); i++) {
        flatten(path + "." + i, value.get(i), leaves);
      }
    } else if (value.isNull()) {
      leaves.put(path, "null");
    } else if (value.isTextual()) {
      leaves.put(path, text(value.textValue()));
    } else if (value.isBoolean()) {
      leaves.put(path, Boolean.toString(value.booleanValue()));
    } else if (value.isNumber()) {
      leaves.put(path, number(value.decimalValue()));
    } else {
      leaves.put(path, value.getNodeType() + ":" + value);
    }
  }

  private static String number(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  private static String text(String value) {
    return "\"" + value + "\"";
  }
}
