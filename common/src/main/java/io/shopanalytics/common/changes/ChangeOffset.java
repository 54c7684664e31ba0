package io.shopanalytics.common.changes;

import java.time.Instant;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * A position in the change stream of {@code orders}, as Spark keeps it in the query's offset log.
 *
 * <p>{@code token} is MongoDB's resume token of the last change before the position (or a
 * post-batch resume token of an idle stream); a stream that has not seen one yet starts at an
 * operation time instead ({@code startAt}, inclusive). {@code seq} counts the changes since the
 * stream's first position: a batch between two offsets holds exactly {@code end.seq - start.seq}
 * changes, the ones after {@code start.token}, which is how a batch is read again, the same, after
 * a restart. {@code tick} only moves to start a batch without changes (a timer is due).
 * {@code time} is the cluster time, to the second, of the last change the position covers (or of
 * {@code startAt}): what a lost stream reports as "changes may be missing since".
 */
public final class ChangeOffset extends Offset {
  private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

  private final BsonDocument token;
  private final BsonTimestamp startAt;
  private final long seq;
  private final long tick;
  private final long time;

  private ChangeOffset(BsonDocument token, BsonTimestamp startAt, long seq, long tick, long time) {
    if ((token == null) == (startAt == null)) {
      throw new IllegalArgumentException("An offset is a resume token or an operation time, not both or neither");
    }
    this.token = token;
    this.startAt = startAt;
    this.seq = seq;
    this.tick = tick;
    this.time = time;
  }

  /** The position after the change whose resume token is {@code token}, committed at {@code time}. */
  public static ChangeOffset after(BsonDocument token, long seq, long tick, Instant time) {
    return new ChangeOffset(token.clone(), null, seq, tick, time.getEpochSecond());
  }

  public static ChangeOffset startingAt(BsonTimestamp operationTime) {
    return new ChangeOffset(null, operationTime, 0, 0, operationTime.getTime());
  }

  public static ChangeOffset fromJson(String json) {
    BsonDocument document = BsonDocument.parse(json);
    BsonValue token = document.get("token");
    BsonValue startAt = document.get("startAt");
    return new ChangeOffset(token == null || token.isNull() ? null : token.asDocument(),
        startAt == null || startAt.isNull() ? null : startAt.asTimestamp(),
        document.getNumber("seq").longValue(), document.getNumber("tick").longValue(),
        document.getNumber("time").longValue());
  }

  @Override
  public String json() {
    return new BsonDocument("token", token == null ? BsonNull.VALUE : token)
        .append("startAt", startAt == null ? BsonNull.VALUE : startAt)
        .append("seq", new BsonInt64(seq))
        .append("tick", new BsonInt64(tick))
        .append("time", new BsonInt64(time))
        .toJson(JSON);
  }

  /** The resume token, or null for a stream that starts at {@link #startAt()}. */
  public BsonDocument token() {
    return token == null ? null : token.clone();
  }

  public BsonTimestamp startAt() {
    return startAt;
  }

  public long seq() {
    return seq;
  }

  public long tick() {
    return tick;
  }

  /** The cluster time of the last change covered, to the second. */
  public Instant time() {
    return Instant.ofEpochSecond(time);
  }

  /** The position of the change after this one. */
  public ChangeOffset next(BsonDocument changeToken, Instant changeTime) {
    return new ChangeOffset(changeToken.clone(), null, seq + 1, tick, changeTime == null ? time
        : Math.max(time, changeTime.getEpochSecond()));
  }

  /** This position with another offset's tick: a batch's end keeps the tick of its start. */
  public ChangeOffset withTick(long value) {
    return new ChangeOffset(token, startAt, seq, value, time);
  }

  /** The same position, with the tick moved on: a batch without changes. */
  public ChangeOffset ticked() {
    return new ChangeOffset(token, startAt, seq, tick + 1, time);
  }

  /** The same count of changes, resumed from a later token (an idle stream's post-batch token). */
  public ChangeOffset movedTo(BsonDocument laterToken) {
    return new ChangeOffset(laterToken.clone(), null, seq, tick + 1, time);
  }
}
