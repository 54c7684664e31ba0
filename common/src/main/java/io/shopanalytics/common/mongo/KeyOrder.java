package io.shopanalytics.common.mongo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * The order of shard-key values in an index, as far as chunk bounds need it: types by MongoDB's
 * cross-type order, then values within a type. Used to tell whether two key ranges overlap (a
 * partition and a chunk of newer metadata), never to build queries.
 *
 * <p>Covered within a type: numbers (compared exactly, whatever their BSON number type), strings (by
 * their UTF-8 bytes, the binary comparison of the simple collation), ObjectIds, dates, timestamps
 * and booleans. Two values of another type (documents, arrays, binaries, regular expressions) that
 * are not equal compare as {@link UnorderedKeyException}: callers treat the ranges as overlapping,
 * which costs a re-read and never a lost range.
 */
public final class KeyOrder {
  private static final List<List<BsonType>> BRACKETS = List.of(
      List.of(BsonType.MIN_KEY),
      List.of(BsonType.NULL, BsonType.UNDEFINED),
      List.of(BsonType.DOUBLE, BsonType.INT32, BsonType.INT64, BsonType.DECIMAL128),
      List.of(BsonType.STRING, BsonType.SYMBOL),
      List.of(BsonType.DOCUMENT),
      List.of(BsonType.ARRAY),
      List.of(BsonType.BINARY),
      List.of(BsonType.OBJECT_ID),
      List.of(BsonType.BOOLEAN),
      List.of(BsonType.DATE_TIME),
      List.of(BsonType.TIMESTAMP),
      List.of(BsonType.REGULAR_EXPRESSION),
      List.of(BsonType.MAX_KEY));

  /** Thrown when two values of one type cannot be ordered here (see the class comment). */
  public static final class UnorderedKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnorderedKeyException(BsonValue a, BsonValue b) {
      super("Cannot order shard-key values " + a + " and " + b);
    }
  }

  /** Compares documents of the same shard-key fields, field by field in key order. */
  public static final Comparator<BsonDocument> BOUNDS = (a, b) -> {
    for (Map.Entry<String, BsonValue> field : a.entrySet()) {
      int compared = compare(field.getValue(), b.get(field.getKey()));
      if (compared != 0) {
        return compared;
      }
    }
    return 0;
  };

  private KeyOrder() {}

  public static int compare(BsonValue a, BsonValue b) {
    int brackets = Integer.compare(bracket(a), bracket(b));
    if (brackets != 0 || a.equals(b)) {
      return brackets;
    }
    switch (a.getBsonType()) {
      case MIN_KEY:
      case MAX_KEY:
      case NULL:
      case UNDEFINED:
        return 0;
      case DOUBLE:
      case INT32:
      case INT64:
      case DECIMAL128:
        try {
          return number(a).compareTo(number(b));
        } catch (NumberFormatException | ArithmeticException e) { // NaN, infinities
          throw new UnorderedKeyException(a, b);
        }
      case STRING:
      case SYMBOL:
        return Arrays.compareUnsigned(utf8(a), utf8(b));
      case OBJECT_ID:
        return a.asObjectId().getValue().compareTo(b.asObjectId().getValue());
      case BOOLEAN:
        return Boolean.compare(a.asBoolean().getValue(), b.asBoolean().getValue());
      case DATE_TIME:
        return Long.compare(a.asDateTime().getValue(), b.asDateTime().getValue());
      case TIMESTAMP:
        return a.asTimestamp().compareTo(b.asTimestamp());
      default:
        throw new UnorderedKeyException(a, b);
    }
  }

  /** True when {@code [minA, maxA)} and {@code [minB, maxB)} share a key (unorderable values: true). */
  public static boolean overlap(BsonDocument minA, BsonDocument maxA, BsonDocument minB, BsonDocument maxB) {
    try {
      return BOUNDS.compare(minA, maxB) < 0 && BOUNDS.compare(minB, maxA) < 0;
    } catch (UnorderedKeyException e) {
      return true;
    }
  }

  /** True when {@code [minInner, maxInner)} lies within {@code [minOuter, maxOuter)} (unorderable values: false). */
  public static boolean within(BsonDocument minInner, BsonDocument maxInner, BsonDocument minOuter, BsonDocument maxOuter) {
    try {
      return BOUNDS.compare(minOuter, minInner) <= 0 && BOUNDS.compare(maxInner, maxOuter) <= 0;
    } catch (UnorderedKeyException e) {
      return false;
    }
  }

  private static int bracket(BsonValue value) {
    for (int i = 0; i < BRACKETS.size(); i++) {
      if (BRACKETS.get(i).contains(value.getBsonType())) {
        return i;
      }
    }
    throw new IllegalArgumentException("Unsupported shard-key value type " + value.getBsonType() + ": " + value);
  }

  private static BigDecimal number(BsonValue value) {
    switch (value.getBsonType()) {
      case INT32: return BigDecimal.valueOf(value.asInt32().getValue());
      case INT64: return BigDecimal.valueOf(value.asInt64().getValue());
      case DECIMAL128: return value.asDecimal128().getValue().bigDecimalValue();
      default: return new BigDecimal(value.asDouble().getValue());
    }
  }

  private static byte[] utf8(BsonValue value) {
    String text = value.isString() ? value.asString().getValue() : value.asSymbol().getSymbol();
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
