package io.shopanalytics.common.source;

import java.util.Iterator;

/**
 * Counts what a read task hands to Spark and records it in {@link ReadMetrics} once, when the
 * partition is exhausted (Spark may ask {@code hasNext} again after the end).
 */
final class MeteredIterator<T> implements Iterator<T> {
  private final Iterator<T> source;
  private final ReadMetrics metrics;
  private final int partition;
  private final String shard;
  private final long startedNanos;
  private long documents;
  private boolean recorded;

  /** {@code startedNanos}: when the partition's query was sent, so that the first batch counts. */
  MeteredIterator(Iterator<T> source, ReadMetrics metrics, int partition, String shard, long startedNanos) {
    this.source = source;
    this.metrics = metrics;
    this.partition = partition;
    this.shard = shard;
    this.startedNanos = startedNanos;
  }

  @Override
  public boolean hasNext() {
    boolean more = source.hasNext();
    if (!more && !recorded && metrics != null) {
      recorded = true;
      metrics.record(partition, shard, documents, System.nanoTime() - startedNanos);
    }
    return more;
  }

  @Override
  public T next() {
    T value = source.next();
    documents++;
    return value;
  }
}
