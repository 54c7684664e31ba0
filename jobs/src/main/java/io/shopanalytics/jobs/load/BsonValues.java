package io.shopanalytics.jobs.load;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/** The BSON types docs/CONTRACT.md asks for: money as decimal128 with 2 decimals, dates as dates. */
final class BsonValues {
  private BsonValues() {}

  static BsonDecimal128 money(BigDecimal amount) {
    return new BsonDecimal128(new Decimal128(amount.setScale(2, RoundingMode.HALF_EVEN)));
  }

  static BsonDateTime date(long epochMillis) {
    return new BsonDateTime(epochMillis);
  }

  /** A date, or null for a step that did not happen (yet). */
  static BsonValue dateOrNull(Long epochMillis) {
    return epochMillis == null ? BsonNull.VALUE : new BsonDateTime(epochMillis);
  }

  static BsonArray strings(List<String> values) {
    BsonArray array = new BsonArray(values.size());
    values.forEach(value -> array.add(new BsonString(value)));
    return array;
  }
}
