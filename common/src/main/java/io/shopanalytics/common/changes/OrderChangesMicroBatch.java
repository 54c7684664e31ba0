package io.shopanalytics.common.changes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.ReadMaxRows;
import org.apache.spark.sql.connector.read.streaming.SupportsAdmissionControl;
import org.bson.BsonDocument;

/**
 * The micro-batches of the changes of {@code orders}. Each trigger, the latest offset is the
 * position after the changes that came in (at most a batch's worth); without changes, it moves on
 * only when a timer is due, or to a later post-batch resume token once in a while; and once the
 * job is stopping it stays put, so that no new batch starts. Spark writes a batch's offsets before
 * running it and commits it after the sink (the analytics writes) succeeded: a batch that did not
 * commit is planned again from the same offsets after a restart.
 */
final class OrderChangesMicroBatch implements MicroBatchStream, SupportsAdmissionControl {
  private final ChangeFeedSpec spec;
  private final InitialOffsetStore initial;
  private final ChangeFeed feed;
  private Instant lastMove;

  OrderChangesMicroBatch(ChangeFeedSpec spec, InitialOffsetStore initial) {
    this.spec = spec;
    this.initial = initial;
    this.feed = new ChangeFeed(spec.settings(), spec.maxAwait(), spec.clock(), spec.listener());
    this.lastMove = spec.clock().instant();
  }

  @Override
  public Offset initialOffset() {
    return initial.getOrCreate(feed::open);
  }

  @Override
  public ReadLimit getDefaultReadLimit() {
    return ReadLimit.maxRows(spec.maxChangesPerBatch());
  }

  @Override
  public Offset latestOffset() {
    throw new UnsupportedOperationException("latestOffset(Offset, ReadLimit) is the one Spark calls");
  }

  @Override
  public Offset latestOffset(Offset startOffset, ReadLimit limit) {
    ChangeOffset start = (ChangeOffset) startOffset;
    if (spec.stopping().getAsBoolean()) {
      return start;
    }
    int most = limit instanceof ReadMaxRows rows ? (int) Math.min(rows.maxRows(), spec.maxChangesPerBatch())
        : spec.maxChangesPerBatch();
    List<ChangeFeed.Change> changes = feed.after(start, most);
    if (!changes.isEmpty()) {
      lastMove = spec.clock().instant();
      return changes.get(changes.size() - 1).position().withTick(start.tick());
    }
    if (spec.timerDue().getAsBoolean()) {
      return start.ticked();
    }
    if (spec.clock().instant().isAfter(lastMove.plus(spec.idleAdvance()))) {
      Optional<BsonDocument> later = feed.idleToken(start);
      if (later.isPresent()) {
        lastMove = spec.clock().instant();
        return start.movedTo(later.get());
      }
    }
    return start;
  }

  @Override
  public InputPartition[] planInputPartitions(Offset start, Offset end) {
    List<ChangeFeed.Change> changes = feed.between((ChangeOffset) start, (ChangeOffset) end);
    return changes.isEmpty() ? new InputPartition[0] : new InputPartition[] {new ChangesPartition(changes)};
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new ChangesPartition.ReaderFactory();
  }

  @Override
  public Offset deserializeOffset(String json) {
    return ChangeOffset.fromJson(json);
  }

  @Override
  public void commit(Offset end) {
    feed.commit((ChangeOffset) end);
  }

  @Override
  public void stop() {
    feed.close();
  }
}
