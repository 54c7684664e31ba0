package io.shopanalytics.common.source.plan;

import io.shopanalytics.common.mongo.ShardingMetadata.Chunk;
import io.shopanalytics.common.mongo.ShardingMetadata;
import io.shopanalytics.common.source.ReadPartition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * Turns a sharded collection's chunks into read partitions, without a server: each partition is a
 * run of adjacent chunks (in shard-key order) of one shard, merged while the estimated documents
 * they hold stay within the target, and placed on that shard's hosts.
 *
 * <p>How a partition states its range:
 * <ul>
 *   <li>hashed (and compound) keys: {@code hint} on the shard-key index with {@code min}/{@code max}
 *       set to the chunk bounds, NumberLong hash values with MinKey/MaxKey at the ends. Only index
 *       bounds can express a range of hash values.
 *   <li>a single ranged field (products on category): the equivalent {@link KeyRangeFilter} on the
 *       field plus the {@code hint}. The result is the same on a real cluster, and the plan also
 *       works on the embedded server, which ignores {@code hint}, {@code min} and {@code max}
 *       (with {@code min}/{@code max} every partition would read the whole collection there).
 * </ul>
 *
 * <p>Sizes: {@code config.chunks} holds no document counts. For a single hashed field a chunk's share
 * of the collection is its share of the 64-bit hash space (hashes are uniform); otherwise every
 * chunk gets the same share of the collection count. Merging counts documents scanned (a chunk is
 * read whole, the period filter applies after), and each partition's estimate is the scope's share
 * of them.
 */
final class ChunkPartitioning {
  private static final BigDecimal HASH_SPACE = BigDecimal.valueOf(2).pow(64);
  private static final BigDecimal HASH_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal HASH_END = BigDecimal.valueOf(2).pow(63);

  private ChunkPartitioning() {}

  static List<ReadPartition> partitions(ShardingMetadata metadata, BsonDocument scopeFilter, ScopeEstimate estimate,
      int targetDocuments) {
    List<Chunk> chunks = metadata.chunks();
    double[] scanned = chunkEstimates(metadata, estimate.collectionDocuments());
    List<ReadPartition> partitions = new ArrayList<>();
    int first = 0;
    double run = scanned[0];
    for (int i = 1; i <= chunks.size(); i++) {
      boolean extend = i < chunks.size() && chunks.get(i).shard().equals(chunks.get(first).shard())
          && run + scanned[i] <= targetDocuments;
      if (extend) {
        run += scanned[i];
      } else {
        partitions.add(partition(partitions.size(), metadata, chunks.get(first), chunks.get(i - 1), scopeFilter,
            estimate.inScope(run)));
        if (i < chunks.size()) {
          first = i;
          run = scanned[i];
        }
      }
    }
    return partitions;
  }

  private static ReadPartition partition(int index, ShardingMetadata metadata, Chunk first, Chunk last,
      BsonDocument scopeFilter, long estimatedDocuments) {
    BsonDocument key = metadata.shardKey();
    ReadPartition.Builder partition = ReadPartition.builder(index)
        .shard(first.shard())
        .preferredHosts(metadata.hosts(first.shard()))
        .hint(key)
        .estimatedDocuments(estimatedDocuments);
    if (metadata.hashed() || key.size() > 1) {
      return partition.filter(scopeFilter).bounds(first.min(), last.max()).build();
    }
    String field = key.getFirstKey();
    BsonDocument range = KeyRangeFilter.of(field, first.min().get(field), last.max().get(field));
    return partition.filter(KeyRangeFilter.and(scopeFilter, range)).build();
  }

  /** Estimated documents per chunk (see the class comment). */
  static double[] chunkEstimates(ShardingMetadata metadata, long collectionDocuments) {
    List<Chunk> chunks = metadata.chunks();
    double[] estimates = new double[chunks.size()];
    BsonDocument key = metadata.shardKey();
    boolean hashSpace = metadata.hashed() && key.size() == 1;
    for (int i = 0; i < chunks.size(); i++) {
      BigDecimal low = hashSpace ? hashPosition(chunks.get(i).min().get(key.getFirstKey()), HASH_MIN) : null;
      BigDecimal high = hashSpace ? hashPosition(chunks.get(i).max().get(key.getFirstKey()), HASH_END) : null;
      if (low == null || high == null) {
        hashSpace = false;
        break;
      }
      estimates[i] = high.subtract(low).divide(HASH_SPACE).doubleValue() * collectionDocuments;
    }
    if (!hashSpace) {
      Arrays.fill(estimates, (double) collectionDocuments / chunks.size());
    }
    return estimates;
  }

  /** A hashed bound's place in the hash space, or null when it is not a number (then: equal shares). */
  private static BigDecimal hashPosition(BsonValue bound, BigDecimal infinity) {
    if (bound.getBsonType() == BsonType.MIN_KEY || bound.getBsonType() == BsonType.MAX_KEY) {
      return infinity;
    }
    return bound.isNumber() ? BigDecimal.valueOf(bound.asNumber().longValue()) : null;
  }
}
