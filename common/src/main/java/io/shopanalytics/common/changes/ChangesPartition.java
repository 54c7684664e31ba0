package io.shopanalytics.common.changes;

import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.bson.RawBsonDocument;

/**
 * A micro-batch's changes, sent to the executor with the task (a batch holds at most
 * {@link ChangeFeedSpec#maxChangesPerBatch()} small projected events) and read there into rows.
 */
final class ChangesPartition implements InputPartition {
  private static final long serialVersionUID = 1L;
  private final byte[][] events;

  ChangesPartition(List<ChangeFeed.Change> changes) {
    this.events = changes.stream().map(ChangeFeed.Change::event).toArray(byte[][]::new);
  }

  static final class ReaderFactory implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      byte[][] events = ((ChangesPartition) partition).events;
      return new PartitionReader<>() {
        private int next = -1;

        @Override
        public boolean next() {
          return ++next < events.length;
        }

        @Override
        public InternalRow get() {
          return OrderChange.of(new RawBsonDocument(events[next])).toInternalRow();
        }

        @Override
        public void close() {
          // nothing held
        }
      };
    }
  }
}
