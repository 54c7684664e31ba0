package io.shopanalytics.common.changes;

import io.shopanalytics.common.model.Ids;
import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.time.Period;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One change event of {@code orders}, reduced to what the analytics need: which months the order
 * counted in before the change, and which after (docs/ARCHITECTURE.md, 10. The stream job).
 *
 * <p>The month before is the changed order's previous {@code created_at}. MongoDB gives the whole
 * previous version as the event's pre-image ({@code fullDocumentBeforeChange}) when the collection
 * keeps pre-images (6.0+, {@code changeStreamPreAndPostImages}); an update whose fields leave
 * {@code created_at} alone keeps the month of the version looked up after it. Otherwise (a delete or
 * a replace without a pre-image, an update of {@code created_at} without one) the month before is
 * {@link Prior#UNKNOWN}, and the stream recomputes every month that holds analytics.
 *
 * @param orderId the order's encoded {@code _id}, when the event names it
 * @param clusterTime when the change was committed, to the second (the oplog's timestamp)
 * @param clusterTimeValue the same timestamp whole (seconds and increment), 0 when the event has none
 * @param wallTime the server's clock at the change (MongoDB 6.0+), to the millisecond
 * @param createdAtBefore the previous version's {@code created_at}, when known and a date
 * @param createdAtAfter the {@code created_at} of the version looked up after the change
 * @param relevant false for an update that only marked the order processed, which changes no figure
 */
public record OrderChange(String operation, String orderId, Instant clusterTime, long clusterTimeValue, Instant wallTime,
    Prior prior,
    Instant createdAtBefore, Instant createdAtAfter, boolean relevant) {

  /** What is known of the version before the change. */
  public enum Prior {
    /** There was none: an insert. */
    NONE,
    /** The event's pre-image. */
    PRE_IMAGE,
    /** An update that left {@code created_at} alone: the month is that of the version after. */
    SAME_CREATED_AT,
    /** Not known: the months it counted in cannot be told from the event. */
    UNKNOWN
  }

  public static final String OPERATION = "operation";
  public static final String ORDER_ID = "order_id";
  public static final String CLUSTER_TIME = "cluster_time";
  public static final String CLUSTER_TIME_VALUE = "cluster_time_value";
  public static final String WALL_TIME = "wall_time";
  public static final String PRIOR = "prior";
  public static final String PERIOD_BEFORE = "period_before";
  public static final String PERIOD_AFTER = "period_after";
  public static final String CREATED_AT_BEFORE = "created_at_before";
  public static final String CREATED_AT_AFTER = "created_at_after";
  public static final String RELEVANT = "relevant";

  /** The rows of the stream's micro-batches: one per change event. */
  public static final StructType SCHEMA = new StructType()
      .add(OPERATION, DataTypes.StringType, false)
      .add(ORDER_ID, DataTypes.StringType, true)
      .add(CLUSTER_TIME, DataTypes.TimestampType, true)
      .add(CLUSTER_TIME_VALUE, DataTypes.LongType, false)
      .add(WALL_TIME, DataTypes.TimestampType, true)
      .add(PRIOR, DataTypes.StringType, false)
      .add(CREATED_AT_BEFORE, DataTypes.TimestampType, true)
      .add(PERIOD_BEFORE, DataTypes.StringType, true)
      .add(CREATED_AT_AFTER, DataTypes.TimestampType, true)
      .add(PERIOD_AFTER, DataTypes.StringType, true)
      .add(RELEVANT, DataTypes.BooleanType, false);

  private static final String CREATED_AT = OrderSchema.CREATED_AT;
  private static final BsonValue MARKED = BsonBoolean.TRUE;

  /** Reads a change event as MongoDB documents it, and as the embedded stand-in serves it. */
  public static OrderChange of(BsonDocument event) {
    String operation = event.isString("operationType") ? event.getString("operationType").getValue() : "unknown";
    Instant clusterTime = event.isTimestamp("clusterTime")
        ? Instant.ofEpochSecond(event.getTimestamp("clusterTime").getTime()) : null;
    long clusterTimeValue = event.isTimestamp("clusterTime") ? event.getTimestamp("clusterTime").getValue() : 0;
    Instant wallTime = event.isDateTime("wallTime") ? Instant.ofEpochMilli(event.getDateTime("wallTime").getValue()) : null;
    BsonDocument after = version(event, "fullDocument");
    BsonDocument before = version(event, "fullDocumentBeforeChange");
    String orderId = Optional.ofNullable(idOf(event.get("documentKey"))).or(() -> Optional.ofNullable(idOf(after)))
        .orElseGet(() -> idOf(before));

    Prior prior;
    boolean relevant = true;
    switch (operation) {
      case "insert":
        prior = Prior.NONE;
        break;
      case "update":
        Optional<UpdatedFields> fields = UpdatedFields.of(event);
        relevant = fields.map(f -> !f.onlySets(OrderSchema.ANALYTICS_PROCESSED, MARKED)).orElse(true);
        prior = before != null ? Prior.PRE_IMAGE
            : fields.map(f -> f.touches(CREATED_AT) ? Prior.UNKNOWN : Prior.SAME_CREATED_AT).orElse(Prior.UNKNOWN);
        break;
      default: // replace, delete
        prior = before != null ? Prior.PRE_IMAGE : Prior.UNKNOWN;
    }
    Instant createdAtAfter = operation.equals("delete") ? null : createdAt(after);
    Instant createdAtBefore = switch (prior) {
      case PRE_IMAGE -> createdAt(before);
      case SAME_CREATED_AT -> createdAtAfter;
      default -> null;
    };
    return new OrderChange(operation, orderId, clusterTime, clusterTimeValue, wallTime, prior, createdAtBefore,
        createdAtAfter, relevant);
  }

  /**
   * A version of the order carried by the event, or null. MongoDB sends null for an update whose
   * order is gone by the lookup; the stand-in sends the update's own fields, without {@code _id}.
   */
  private static BsonDocument version(BsonDocument event, String field) {
    BsonValue value = event.get(field);
    return value != null && value.isDocument() && value.asDocument().containsKey("_id") ? value.asDocument() : null;
  }

  private static String idOf(BsonValue document) {
    if (document == null || !document.isDocument() || !document.asDocument().containsKey("_id")) {
      return null;
    }
    return Ids.encode(document.asDocument().get("_id"));
  }

  /** A version's {@code created_at} when it is a date: only dated orders count in a month. */
  private static Instant createdAt(BsonDocument version) {
    return version != null && version.isDateTime(CREATED_AT)
        ? Instant.ofEpochMilli(version.getDateTime(CREATED_AT).getValue()) : null;
  }

  /** The row as Spark's readers hand it over (strings as UTF8String, timestamps in microseconds). */
  public InternalRow toInternalRow() {
    return new GenericInternalRow(new Object[] {utf8(operation), utf8(orderId), micros(clusterTime), clusterTimeValue,
        micros(wallTime),
        utf8(prior.name()), micros(createdAtBefore), utf8(period(createdAtBefore)), micros(createdAtAfter),
        utf8(period(createdAtAfter)), relevant});
  }

  private static UTF8String utf8(String value) {
    return value == null ? null : UTF8String.fromString(value);
  }

  private static Long micros(Instant instant) {
    return instant == null ? null : Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
        instant.getNano() / 1_000L);
  }

  public Row toRow() {
    return new GenericRowWithSchema(new Object[] {operation, orderId, timestamp(clusterTime), clusterTimeValue,
        timestamp(wallTime),
        prior.name(), timestamp(createdAtBefore), period(createdAtBefore), timestamp(createdAtAfter),
        period(createdAtAfter), relevant}, SCHEMA);
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static String period(Instant instant) {
    return instant == null ? null : Period.containing(instant).id();
  }
}
