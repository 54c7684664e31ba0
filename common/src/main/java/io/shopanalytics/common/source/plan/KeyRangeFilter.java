package io.shopanalytics.common.source.plan;

import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * A query filter that matches exactly the values of one field that an index scan from {@code lower}
 * (inclusive) to {@code upper} (exclusive) would visit: the chunk-range semantics of {@code min}/
 * {@code max}, expressed with operators every server honours (the embedded server ignores
 * {@code hint}, {@code min} and {@code max}).
 *
 * <p>A plain {@code {k: {$gte: lower, $lt: upper}}} is not enough: query comparisons are
 * type-bracketed ({@code {$lt: "Books"}} matches strings only), while index order runs across
 * types (MinKey, null and missing, numbers, strings, objects, ...). A chunk {@code [MinKey, "Books")}
 * also holds documents whose key is missing, null or a number; a plain filter would lose them. So a
 * range that spans types becomes an {@code $or} of: the lower bound's type from {@code lower} up,
 * every type strictly between (by {@code $type}, or {@code null} for the null/missing bracket), and
 * the upper bound's type below {@code upper}. Every clause can use an index on the field.
 *
 * <p>Not covered: keys of the deprecated types undefined, symbol, DBPointer and JavaScript code.
 * They cannot be bounds, and the embedded server rejects their {@code $type} aliases, so listing
 * them would break the plan there for values no shop document has.
 */
public final class KeyRangeFilter {
  /** MongoDB's cross-type sort order, each bracket with the {@code $type} aliases of its members. */
  enum Bracket {
    MIN_KEY("minKey"),
    NULL(),
    NUMBER("number"),
    STRING("string"),
    OBJECT("object"),
    ARRAY("array"),
    BINARY("binData"),
    OBJECT_ID("objectId"),
    BOOLEAN("bool"),
    DATE("date"),
    TIMESTAMP("timestamp"),
    REGEX("regex"),
    MAX_KEY("maxKey");

    private final List<String> typeAliases;

    Bracket(String... typeAliases) {
      this.typeAliases = List.of(typeAliases);
    }

    static Bracket of(BsonValue value) {
      if (value == null) {
        throw new IllegalArgumentException("A key-range bound is missing");
      }
      BsonType type = value.getBsonType();
      switch (type) {
        case MIN_KEY: return MIN_KEY;
        case NULL: return NULL;
        case DOUBLE:
        case INT32:
        case INT64:
        case DECIMAL128: return NUMBER;
        case STRING: return STRING;
        case DOCUMENT: return OBJECT;
        case ARRAY: return ARRAY;
        case BINARY: return BINARY;
        case OBJECT_ID: return OBJECT_ID;
        case BOOLEAN: return BOOLEAN;
        case DATE_TIME: return DATE;
        case TIMESTAMP: return TIMESTAMP;
        case REGULAR_EXPRESSION: return REGEX;
        case MAX_KEY: return MAX_KEY;
        default: throw new IllegalArgumentException("Unsupported key-range bound type " + type + ": " + value);
      }
    }
  }

  private KeyRangeFilter() {}

  /**
   * @param field the (single) key field
   * @param lower inclusive lower bound; MinKey for "from the start"
   * @param upper exclusive upper bound; MaxKey for "to the end" (MaxKey values included)
   * @return the filter, empty when the range is everything
   */
  public static BsonDocument of(String field, BsonValue lower, BsonValue upper) {
    Bracket low = Bracket.of(lower);
    Bracket high = Bracket.of(upper);
    if (low.compareTo(high) > 0 || (low == high && (low == Bracket.NULL || low == Bracket.MIN_KEY || low == Bracket.MAX_KEY))) {
      throw new IllegalArgumentException("Empty key range on '" + field + "': [" + lower + ", " + upper + ")");
    }
    if (low == Bracket.MIN_KEY && high == Bracket.MAX_KEY) {
      return new BsonDocument();
    }
    if (low == high) {
      return new BsonDocument(field, new BsonDocument("$gte", lower).append("$lt", upper));
    }
    List<BsonDocument> clauses = new ArrayList<>();
    // whole brackets: an unbounded end takes its own bracket whole, and every bracket in between
    Bracket firstWhole = low == Bracket.MIN_KEY ? Bracket.MIN_KEY : Bracket.values()[low.ordinal() + 1];
    Bracket lastWhole = high == Bracket.MAX_KEY ? Bracket.MAX_KEY : Bracket.values()[high.ordinal() - 1];
    if (low == Bracket.NULL) {
      firstWhole = Bracket.NULL;
    }
    if (low != Bracket.MIN_KEY && low != Bracket.NULL) {
      clauses.add(new BsonDocument(field, new BsonDocument("$gte", lower)));
    }
    BsonArray wholeTypes = new BsonArray();
    for (int i = firstWhole.ordinal(); i <= lastWhole.ordinal(); i++) {
      Bracket bracket = Bracket.values()[i];
      if (bracket == Bracket.NULL) {
        clauses.add(new BsonDocument(field, BsonNull.VALUE)); // null and missing
      } else {
        bracket.typeAliases.forEach(alias -> wholeTypes.add(new BsonString(alias)));
      }
    }
    if (!wholeTypes.isEmpty()) {
      clauses.add(new BsonDocument(field, new BsonDocument("$type", wholeTypes)));
    }
    if (high != Bracket.MAX_KEY && high != Bracket.NULL) {
      clauses.add(new BsonDocument(field, new BsonDocument("$lt", upper)));
    }
    return clauses.size() == 1 ? clauses.get(0) : new BsonDocument("$or", new BsonArray(clauses));
  }

  /** Both filters, omitting an empty one. */
  public static BsonDocument and(BsonDocument first, BsonDocument second) {
    if (first.isEmpty()) {
      return second;
    }
    if (second.isEmpty()) {
      return first;
    }
    return new BsonDocument("$and", new BsonArray(List.of(first, second)));
  }
}
