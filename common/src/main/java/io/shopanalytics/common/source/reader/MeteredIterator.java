package io.shopanalytics.common.source.reader;

import io.shopanalytics.common.source.ReadMetrics;
import java.util.Iterator;
import java.util.function.Function;

/**
 * What a read task hands to Spark: each item of the source turned into a row, counted, and
 * recorded in {@link ReadMetrics} once, when the partition is exhausted (Spark may ask
 * {@code hasNext} again after the end).
 */
public final class MeteredIterator<S, T> implements Iterator<T> {
  private final Iterator<S> source;
  private final Function<S, T> convert;
  private final ReadMetrics metrics;
  private final int partition;
  private final String shard;
  private final long startedNanos;
  private long documents;
  private boolean recorded;

  /**
   * @param metrics where to record, or null
   * @param startedNanos when the partition's query was sent, so that the first batch counts
   */
  public MeteredIterator(Iterator<S> source, Function<S, T> convert, ReadMetrics metrics, int partition, String shard,
      long startedNanos) {
    this.source = source;
    this.convert = convert;
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
    T value = convert.apply(source.next());
    documents++;
    return value;
  }
}
