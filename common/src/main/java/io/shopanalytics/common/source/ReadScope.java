package io.shopanalytics.common.source;

import com.mongodb.client.model.Filters;
import java.io.Serializable;
import java.time.Instant;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.conversions.Bson;

/**
 * The orders a run must see: {@code from <= created_at < until} (either end may be open), plus the
 * orders whose {@code created_at} is missing or not a date, which belong to no period but must be
 * read to be counted as rejects.
 */
public final class ReadScope implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Instant from;
  private final Instant until;

  private ReadScope(Instant from, Instant until) {
    if (from != null && until != null && !from.isBefore(until)) {
      throw new IllegalArgumentException("Empty read scope: " + from + " is not before " + until);
    }
    this.from = from;
    this.until = until;
  }

  public static ReadScope between(Instant from, Instant until) {
    return new ReadScope(from, until);
  }

  public static ReadScope until(Instant until) {
    return new ReadScope(null, until);
  }

  public static ReadScope everything() {
    return new ReadScope(null, null);
  }

  public Instant from() {
    return from;
  }

  public Instant until() {
    return until;
  }

  /** The {@code created_at} range alone, index-backed. */
  public BsonDocument createdAtRange() {
    BsonDocument range = new BsonDocument();
    if (from != null) {
      range.append("$gte", new BsonDateTime(from.toEpochMilli()));
    }
    if (until != null) {
      range.append("$lt", new BsonDateTime(until.toEpochMilli()));
    }
    return range.isEmpty() ? new BsonDocument() : new BsonDocument("created_at", range);
  }

  /**
   * The pushed-down filter. Both branches of the {@code $or} can use the {@code created_at} index:
   * the range, and the index bounds outside the date type (missing values index as null).
   */
  public BsonDocument filter() {
    BsonDocument range = createdAtRange();
    if (range.isEmpty()) {
      return new BsonDocument();
    }
    Bson notADate = Filters.not(Filters.type("created_at", "date"));
    return Filters.or(range, notADate).toBsonDocument();
  }

  /** True when {@code createdAt} lies inside the scope. */
  public boolean contains(Instant createdAt) {
    return (from == null || !createdAt.isBefore(from)) && (until == null || createdAt.isBefore(until));
  }

  @Override
  public String toString() {
    return "[" + (from == null ? "-inf" : from) + ", " + (until == null ? "+inf" : until) + ")";
  }
}
