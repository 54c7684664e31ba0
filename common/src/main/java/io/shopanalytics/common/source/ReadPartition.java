package io.shopanalytics.common.source;

import java.io.Serializable;
import java.util.List;
import org.bson.BsonDocument;

/**
 * One read task: a {@code find} with a filter, optional index hint and {@code min}/{@code max}
 * bounds (chunk ranges), on the hosts that hold the data when known. Stored as JSON so that it
 * serializes to executors without BSON classes' serialization quirks.
 */
public final class ReadPartition implements Serializable {
  private static final long serialVersionUID = 1L;
  /**
   * The shard label of partitions not bound to one shard: an unsharded collection, time slices and
   * the connector's partitions, which mongos sends to whichever shards hold their documents.
   */
  public static final String UNATTRIBUTED = "unattributed";

  private final int index;
  private final String shard;
  private final String filterJson;
  private final String hintJson;
  private final String minJson;
  private final String maxJson;
  private final String keyMinJson;
  private final String keyMaxJson;
  private final List<String> preferredHosts;
  private final long estimatedDocuments;

  private ReadPartition(Builder b) {
    this.index = b.index;
    this.shard = b.shard;
    this.filterJson = json(b.filter);
    this.hintJson = json(b.hint);
    this.minJson = json(b.min);
    this.maxJson = json(b.max);
    this.keyMinJson = json(b.keyMin);
    this.keyMaxJson = json(b.keyMax);
    this.preferredHosts = List.copyOf(b.preferredHosts);
    this.estimatedDocuments = b.estimatedDocuments;
  }

  private static String json(BsonDocument document) {
    return document == null ? null : document.toJson();
  }

  private static BsonDocument parse(String json) {
    return json == null ? null : BsonDocument.parse(json);
  }

  public static Builder builder(int index) {
    return new Builder(index);
  }

  public int index() {
    return index;
  }

  /** The shard that owns the range, or null when the collection is not sharded. */
  public String shard() {
    return shard;
  }

  /** {@link #shard()}, or {@link #UNATTRIBUTED}: the key of per-shard figures. */
  public String shardLabel() {
    return shard == null ? UNATTRIBUTED : shard;
  }

  public BsonDocument filter() {
    return filterJson == null ? new BsonDocument() : parse(filterJson);
  }

  public BsonDocument hint() {
    return parse(hintJson);
  }

  public BsonDocument min() {
    return parse(minJson);
  }

  public BsonDocument max() {
    return parse(maxJson);
  }

  /**
   * The shard-key range {@code [keyMin, keyMax)} the partition reads, whether it is stated with
   * {@code min}/{@code max} or with a filter; null when the partition follows no shard key. What
   * the check after the read compares with newer chunk metadata.
   */
  public BsonDocument keyMin() {
    return parse(keyMinJson);
  }

  public BsonDocument keyMax() {
    return parse(keyMaxJson);
  }

  public List<String> preferredHosts() {
    return preferredHosts;
  }

  /** The same partition under another index (a re-read's partitions follow the first read's). */
  public ReadPartition withIndex(int newIndex) {
    Builder b = builder(newIndex).shard(shard).filter(filter()).hint(hint()).bounds(min(), max())
        .keyRange(keyMin(), keyMax()).preferredHosts(preferredHosts).estimatedDocuments(estimatedDocuments);
    return b.build();
  }

  /** -1 when unknown. */
  public long estimatedDocuments() {
    return estimatedDocuments;
  }

  @Override
  public String toString() {
    return "ReadPartition{" + index + (shard == null ? "" : ", shard=" + shard) + ", filter=" + filterJson
        + (hintJson == null ? "" : ", hint=" + hintJson) + (minJson == null ? "" : ", min=" + minJson)
        + (maxJson == null ? "" : ", max=" + maxJson) + ", est=" + estimatedDocuments + "}";
  }

  /** Builder. */
  public static final class Builder {
    private final int index;
    private String shard;
    private BsonDocument filter;
    private BsonDocument hint;
    private BsonDocument min;
    private BsonDocument max;
    private BsonDocument keyMin;
    private BsonDocument keyMax;
    private List<String> preferredHosts = List.of();
    private long estimatedDocuments = -1;

    private Builder(int index) {
      this.index = index;
    }

    public Builder shard(String value) {
      this.shard = value;
      return this;
    }

    public Builder filter(BsonDocument value) {
      this.filter = value;
      return this;
    }

    public Builder hint(BsonDocument value) {
      this.hint = value;
      return this;
    }

    public Builder bounds(BsonDocument minInclusive, BsonDocument maxExclusive) {
      this.min = minInclusive;
      this.max = maxExclusive;
      return this;
    }

    /** See {@link ReadPartition#keyMin()}. */
    public Builder keyRange(BsonDocument minInclusive, BsonDocument maxExclusive) {
      this.keyMin = minInclusive;
      this.keyMax = maxExclusive;
      return this;
    }

    public Builder preferredHosts(List<String> value) {
      this.preferredHosts = value;
      return this;
    }

    public Builder estimatedDocuments(long value) {
      this.estimatedDocuments = value;
      return this;
    }

    public ReadPartition build() {
      return new ReadPartition(this);
    }
  }
}
