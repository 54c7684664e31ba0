package io.shopanalytics.common.changes;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.FullDocumentBeforeChange;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.mongo.SourceCollections;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.ByteBuf;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;

/**
 * The change stream of {@code orders}, read on the driver: the changes after a position, held until
 * Spark has committed the batch that holds them. A batch is a range of positions; after a restart,
 * a batch Spark planned but did not commit is read again from its start position, the same changes
 * in the same order, because a change stream resumed from a token gives exactly what followed it.
 */
public final class ChangeFeed implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(ChangeFeed.class);
  /** ChangeStreamHistoryLost, ChangeStreamFatalError (an older server's lost token), CappedPositionLost. */
  private static final Set<Integer> HISTORY_LOST = Set.of(286, 280, 136);
  /** Events after which the change stream of a collection ends. */
  private static final Set<String> ENDING = Set.of("drop", "rename", "dropDatabase", "invalidate");
  /** Only what the analytics read of an event: the order's id and dates, what changed, and when. */
  private static final List<Bson> PROJECTION = List.of(BsonDocument.parse("{$project: {operationType: 1, "
      + "clusterTime: 1, wallTime: 1, documentKey: 1, updateDescription: 1, 'fullDocument._id': 1, "
      + "'fullDocument.created_at': 1, 'fullDocumentBeforeChange._id': 1, 'fullDocumentBeforeChange.created_at': 1}}"));
  private static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(5);

  /** A change read from the stream: its position (the offset just after it) and the event's BSON. */
  public record Change(ChangeOffset position, byte[] event) {
    public long seq() {
      return position.seq();
    }
  }

  /** Told each time the feed opens the change stream, with the position it resumes from. */
  @FunctionalInterface
  public interface OpenListener {
    void opened(ChangeOffset from, boolean fresh);
  }

  private final MongoCollection<RawBsonDocument> orders;
  private final Duration maxAwait;
  private final Clock clock;
  private final OpenListener listener;
  private final Deque<Change> held = new ArrayDeque<>();
  private MongoChangeStreamCursor<RawBsonDocument> cursor;
  /** The position after the last change read from the cursor. */
  private ChangeOffset read;

  public ChangeFeed(MongoSettings settings, Duration maxAwait, Clock clock, OpenListener listener) {
    this.orders = MongoClientCache.get(settings.readUri()).getDatabase(settings.database())
        .getCollection(SourceCollections.ORDERS, RawBsonDocument.class)
        .withReadPreference(settings.readPreferenceObject());
    this.maxAwait = maxAwait;
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * The position of a new stream: where the change stream of {@code orders} stands now. MongoDB
   * names it with a post-batch resume token; a server without them (the embedded stand-in) is
   * started at the current second, so that nothing after this call is missed.
   */
  public ChangeOffset open() {
    BsonTimestamp now = new BsonTimestamp((int) clock.instant().getEpochSecond(), 0);
    closeCursor();
    cursor = watch(stream -> stream);
    BsonDocument token = cursor.getResumeToken();
    read = token != null ? ChangeOffset.after(token, 0, 0, clock.instant()) : startAt(now);
    listener.opened(read, true);
    return read;
  }

  /**
   * Reads from the very position a restart would resume from, so that a batch read again is the
   * same. A busy server may already have dropped entries of this second from its bounded history
   * (a timestamp's increment counts within its second, and the start is the second's first): that
   * is history written before the stream existed, not lost to it, so the stream starts at a later
   * second (the next, or the clock's) once it has begun (a new stream listens from when it says so: what is written while it
   * opens may come before that).
   */
  private ChangeOffset startAt(BsonTimestamp second) {
    BsonTimestamp now = second;
    for (int attempt = 1; ; attempt++) {
      BsonTimestamp start = now;
      closeCursor();
      try {
        cursor = watch(stream -> stream.startAtOperationTime(start));
        return ChangeOffset.startingAt(start);
      } catch (ChangeStreamLostException e) {
        if (attempt == 3) {
          throw e;
        }
        now = new BsonTimestamp(Math.max(now.getTime() + 1, (int) clock.instant().getEpochSecond()), 0);
        try {
          Thread.sleep(Math.max(1, now.getTime() * 1000L - clock.millis()));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The changes after {@code from}, at most {@code limit}, reading what has come in since the last call. */
  public List<Change> after(ChangeOffset from, int limit) {
    positionAt(from);
    while (countAfter(from) < limit) {
      RawBsonDocument next = tryNext(from);
      if (next == null) {
        break;
      }
      hold(next);
    }
    return changesIn(from.seq(), from.seq() + limit);
  }

  /**
   * The changes of the batch from {@code start} to {@code end}: those held, or, after a restart, the
   * same ones read again from {@code start}.
   */
  public List<Change> between(ChangeOffset start, ChangeOffset end) {
    if (end.seq() == start.seq()) {
      return List.of();
    }
    positionAt(start);
    long deadline = System.nanoTime() + REPLAY_TIMEOUT.toNanos();
    while (read.seq() < end.seq()) {
      RawBsonDocument next = tryNext(start);
      if (next != null) {
        hold(next);
      } else if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The change stream no longer gives the " + (end.seq() - start.seq())
            + " changes of a batch it gave before (read " + (read.seq() - start.seq()) + " of them again)");
      }
    }
    List<Change> changes = changesIn(start.seq(), end.seq());
    BsonDocument last = changes.get(changes.size() - 1).position().token();
    if (!last.equals(end.token())) {
      throw new IllegalStateException("The change stream gave other changes than before for a batch: its last "
          + "change is " + last.toJson() + ", the batch's end is " + end.token().toJson());
    }
    return changes;
  }

  /** Forgets the changes up to {@code end}: Spark has committed the batch that held them. */
  public void commit(ChangeOffset end) {
    while (!held.isEmpty() && held.peekFirst().seq() <= end.seq()) {
      held.removeFirst();
    }
  }

  /**
   * A later resume token for a stream with no new change since {@code at}: MongoDB's post-batch
   * resume token, which moves on with the cluster's oplog even while {@code orders} is quiet, so
   * that a stream left idle does not fall behind the oplog's window. Empty when there is none.
   */
  public Optional<BsonDocument> idleToken(ChangeOffset at) {
    if (cursor == null || read.seq() != at.seq() || !held.isEmpty() && held.peekLast().seq() > at.seq()) {
      return Optional.empty();
    }
    BsonDocument token = cursor.getResumeToken();
    return token == null || token.equals(at.token()) ? Optional.empty() : Optional.of(token);
  }

  private void positionAt(ChangeOffset from) {
    long oldestHeld = held.isEmpty() ? read == null ? Long.MAX_VALUE : read.seq() : held.peekFirst().seq() - 1;
    if (cursor != null && from.seq() >= oldestHeld && from.seq() <= read.seq()) {
      return;
    }
    closeCursor();
    held.clear();
    cursor = watch(stream -> from.token() != null ? stream.resumeAfter(from.token())
        : stream.startAtOperationTime(from.startAt()), from);
    read = from;
    LOG.info("Change stream of orders opened after change {} ({})", from.seq(), from.json());
    listener.opened(from, false);
  }

  private interface Position {
    ChangeStreamIterable<RawBsonDocument> apply(ChangeStreamIterable<RawBsonDocument> stream);
  }

  private MongoChangeStreamCursor<RawBsonDocument> watch(Position position) {
    return watch(position, null);
  }

  private MongoChangeStreamCursor<RawBsonDocument> watch(Position position, ChangeOffset from) {
    ChangeStreamIterable<RawBsonDocument> stream = orders.watch(PROJECTION)
        .fullDocument(FullDocument.UPDATE_LOOKUP)
        .fullDocumentBeforeChange(FullDocumentBeforeChange.WHEN_AVAILABLE)
        .maxAwaitTime(maxAwait.toMillis(), TimeUnit.MILLISECONDS)
        .comment("shop-analytics stream");
    try {
      @SuppressWarnings("unchecked")
      MongoChangeStreamCursor<RawBsonDocument> opened = (MongoChangeStreamCursor<RawBsonDocument>)
          position.apply(stream).withDocumentClass(RawBsonDocument.class).cursor();
      return opened;
    } catch (MongoException e) {
      throw lostOr(e, from);
    }
  }

  private RawBsonDocument tryNext(ChangeOffset from) {
    RawBsonDocument next;
    try {
      next = cursor.tryNext();
    } catch (MongoException e) {
      throw lostOr(e, from);
    }
    if (next != null && ENDING.contains(next.getString("operationType").getValue())) {
      throw new ChangeStreamLostException("The change stream of orders ended with a '"
          + next.getString("operationType").getValue() + "' event (the collection was dropped or renamed): "
          + "every month may have changed since", clusterTime(next), null);
    }
    return next;
  }

  private RuntimeException lostOr(MongoException e, ChangeOffset from) {
    if (e instanceof MongoCommandException command && HISTORY_LOST.contains(command.getErrorCode())
        || HISTORY_LOST.contains(e.getCode())) {
      Instant since = from == null ? null : from.time();
      return new ChangeStreamLostException("The stream's resume point is no longer in the oplog "
          + "(ChangeStreamHistoryLost): the changes made to orders since then cannot be read", since, e);
    }
    return e;
  }

  private void hold(RawBsonDocument event) {
    ByteBuf buffer = event.getByteBuffer();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    read = read.next(event.getDocument("_id"), clusterTime(event));
    held.addLast(new Change(read, bytes));
  }

  private long countAfter(ChangeOffset from) {
    return read.seq() - from.seq();
  }

  private List<Change> changesIn(long afterSeq, long upToSeq) {
    List<Change> changes = new ArrayList<>();
    for (Change change : held) {
      if (change.seq() > afterSeq && change.seq() <= upToSeq) {
        changes.add(change);
      }
    }
    return changes;
  }

  private static Instant clusterTime(RawBsonDocument event) {
    return event.isTimestamp("clusterTime") ? Instant.ofEpochSecond(event.getTimestamp("clusterTime").getTime()) : null;
  }

  private void closeCursor() {
    if (cursor != null) {
      try {
        cursor.close();
      } catch (MongoException e) {
        LOG.debug("Closing the change stream: {}", e.getMessage());
      }
      cursor = null;
    }
  }

  @Override
  public void close() {
    closeCursor();
    held.clear();
  }
}
