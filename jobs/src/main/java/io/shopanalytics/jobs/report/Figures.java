package io.shopanalytics.jobs.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/** Stored values as the report shows them: money as stored with 2 decimals, counts, dates in UTC. */
final class Figures {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private Figures() {}

  /** An amount (decimal128 as the jobs store it, any BSON number otherwise) as a plain string; null stays null. */
  static String money(Object value) {
    BigDecimal amount = decimal(value);
    if (amount == null) {
      return null;
    }
    // at least 2 decimals (a stored 12.5 reads 12.50), never rounded: more decimals are shown as stored
    return (amount.scale() < 2 ? amount.setScale(2, RoundingMode.UNNECESSARY) : amount).toPlainString();
  }

  static BigDecimal decimal(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Decimal128 decimal) {
      return decimal.bigDecimalValue();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Double || value instanceof Float) {
      return BigDecimal.valueOf(((Number) value).doubleValue());
    }
    return BigDecimal.valueOf(((Number) value).longValue());
  }

  static long count(Object value) {
    return value == null ? 0L : ((Number) value).longValue();
  }

  static Double ratio(Object value) {
    return value == null ? null : ((Number) value).doubleValue();
  }

  /** The document at a dotted path ({@code "lifetime_metrics"}), an empty one when absent. */
  static Document sub(Document document, String key) {
    Document sub = document.get(key, Document.class);
    return sub == null ? new Document() : sub;
  }

  static String day(Object value) {
    if (value instanceof Date date) {
      return DAY.format(date.toInstant());
    }
    return value == null ? null : value.toString();
  }

  static String instant(Instant value) {
    return value == null ? null : INSTANT.format(value);
  }

  static Instant instant(Object value) {
    return value instanceof Date date ? date.toInstant() : null;
  }

  static String id(Object value) {
    return value instanceof ObjectId objectId ? objectId.toHexString() : String.valueOf(value);
  }
}
