package io.shopanalytics.common.source.plan;

import io.shopanalytics.common.mongo.KeyOrder;
import io.shopanalytics.common.mongo.ShardingMetadata.Chunk;
import io.shopanalytics.common.mongo.ShardingMetadata;
import io.shopanalytics.common.source.ReadPartition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * Turns a sharded collection's chunks into read partitions of about the target size, without a
 * server: the number of chunks does not decide the number of partitions. Modern clusters have few
 * chunks (no auto-split since 6.0.3, the 7.0 AutoMerger merges a shard's adjacent chunks, 7.2+
 * {@code shardCollection} creates one chunk per shard), so a chunk above the target is cut into
 * pieces, and adjacent small chunks of one shard are merged. Either way every partition lies in the
 * range of one shard at planning time: one owner, the same {@code min}/{@code max} semantics.
 *
 * <p>Cutting a chunk:
 * <ul>
 *   <li>a single hashed field: arithmetically, into equal sub-ranges of the NumberLong hash space
 *       (MinKey and MaxKey count as -2^63 and 2^63). Hashes are uniform, so equal widths hold
 *       about equal documents.
 *   <li>a single ranged field (products on category): at split points from the key's own
 *       distribution ({@link KeySplitter}); a run of documents of one key value is never cut.
 *   <li>compound keys: not cut (their bounds are not a line to divide).
 * </ul>
 *
 * <p>How a partition states its range:
 * <ul>
 *   <li>hashed (and compound) keys: {@code hint} on the shard-key index with {@code min}/{@code max}
 *       set to the bounds, NumberLong hash values with MinKey/MaxKey at the ends. Only index
 *       bounds can express a range of hash values.
 *   <li>a single ranged field: the equivalent {@link KeyRangeFilter} on the field plus the
 *       {@code hint}. The result is the same on a real cluster, and the plan also works on the
 *       embedded server, which ignores {@code hint}, {@code min} and {@code max}.
 * </ul>
 * Every partition also carries its key range ({@link ReadPartition#keyMin()}), which the check after
 * the read compares with newer metadata.
 *
 * <p>Sizes: {@code config.chunks} holds no document counts. For a single hashed field a chunk's share
 * of the collection is its share of the 64-bit hash space; a single ranged field's chunks are
 * counted by the {@link KeySplitter}; otherwise every chunk gets the same share of the collection
 * count. Sizing counts documents scanned (a range is read whole, the period filter
 * applies after), and each partition's estimate is the scope's share of them.
 */
final class ChunkPartitioning {
  private static final BigInteger HASH_LOW = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger HASH_END = BigInteger.TWO.pow(63);
  private static final BigDecimal HASH_SPACE = new BigDecimal(BigInteger.TWO.pow(64));

  private ChunkPartitioning() {}

  /** One planned range: inside one chunk, or a run of whole adjacent chunks of one shard. */
  private record Piece(String shard, BsonDocument min, BsonDocument max, double scanned) {}

  /** Ranged chunks left whole and sized by equal shares (hashed chunks are cut without looking at the data). */
  static List<ReadPartition> partitions(ShardingMetadata metadata, BsonDocument scopeFilter, ScopeEstimate estimate,
      int targetDocuments) {
    return partitions(metadata, scopeFilter, estimate, targetDocuments, KeySplitter.WHOLE);
  }

  static List<ReadPartition> partitions(ShardingMetadata metadata, BsonDocument scopeFilter, ScopeEstimate estimate,
      int targetDocuments, KeySplitter splitter) {
    List<Chunk> chunks = metadata.chunks();
    double[] scanned = chunkEstimates(metadata, estimate.collectionDocuments());
    List<Piece> pieces = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      pieces.addAll(cut(metadata, chunks.get(i), scanned[i], targetDocuments, splitter));
    }
    List<ReadPartition> partitions = new ArrayList<>();
    Piece run = pieces.get(0);
    for (int i = 1; i <= pieces.size(); i++) {
      Piece next = i < pieces.size() ? pieces.get(i) : null;
      if (next != null && next.shard().equals(run.shard()) && run.scanned() + next.scanned() <= targetDocuments) {
        run = new Piece(run.shard(), run.min(), next.max(), run.scanned() + next.scanned());
      } else {
        partitions.add(partition(partitions.size(), metadata, run, scopeFilter, estimate.inScope(run.scanned())));
        run = next;
      }
    }
    return partitions;
  }

  /**
   * The partitions that read {@code stale}'s key ranges again, cut at the chunk bounds of
   * {@code now} so that each lies inside one chunk and is attributed to its current owner; indexes
   * from {@code firstIndex} on. A partition without a key range (or with bounds that cannot be
   * ordered) is read again as it was.
   */
  static List<ReadPartition> reassign(ShardingMetadata now, List<ReadPartition> stale, BsonDocument scopeFilter,
      int firstIndex) {
    List<ReadPartition> partitions = new ArrayList<>();
    for (ReadPartition old : stale) {
      List<Piece> pieces = new ArrayList<>();
      if (old.keyMin() != null && now.shardKey() != null) {
        try {
          for (Chunk chunk : now.overlapping(old.keyMin(), old.keyMax())) {
            BsonDocument min = KeyOrder.BOUNDS.compare(old.keyMin(), chunk.min()) >= 0 ? old.keyMin() : chunk.min();
            BsonDocument max = KeyOrder.BOUNDS.compare(old.keyMax(), chunk.max()) <= 0 ? old.keyMax() : chunk.max();
            pieces.add(new Piece(chunk.shard(), min, max, 0));
          }
        } catch (KeyOrder.UnorderedKeyException e) {
          pieces.clear();
        }
      }
      if (pieces.isEmpty()) {
        partitions.add(old.withIndex(firstIndex + partitions.size()));
        continue;
      }
      long each = Math.max(0, old.estimatedDocuments()) / pieces.size();
      for (Piece piece : pieces) {
        partitions.add(partition(firstIndex + partitions.size(), now, piece, scopeFilter, each));
      }
    }
    return partitions;
  }

  /** The chunk as one piece, or cut into about {@code scanned / target} pieces (see the class comment). */
  private static List<Piece> cut(ShardingMetadata metadata, Chunk chunk, double scanned, int targetDocuments,
      KeySplitter splitter) {
    long wanted = (long) Math.ceil(scanned / targetDocuments);
    BsonDocument key = metadata.shardKey();
    boolean hashCut = metadata.hashed() && wanted >= 2 && numericHashBounds(chunk);
    // a ranged chunk's equal share says nothing of its real size: the splitter counts it
    boolean rangedCut = !metadata.hashed();
    if (key.size() > 1 || (!hashCut && !rangedCut)) {
      return List.of(new Piece(chunk.shard(), chunk.min(), chunk.max(), scanned));
    }
    String field = key.getFirstKey();
    BsonValue low = chunk.min().get(field);
    BsonValue high = chunk.max().get(field);
    KeySplitter.Split split = hashCut ? new KeySplitter.Split(hashSplitPoints(low, high, wanted), -1)
        : splitter.split(field, low, high, targetDocuments);
    List<BsonValue> points = split.points();
    double documents = split.documents() >= 0 ? split.documents() : scanned;
    List<Piece> pieces = new ArrayList<>();
    BsonValue lower = low;
    for (int i = 0; i <= points.size(); i++) {
      BsonValue upper = i < points.size() ? points.get(i) : high;
      pieces.add(new Piece(chunk.shard(), new BsonDocument(field, lower), new BsonDocument(field, upper),
          documents / (points.size() + 1)));
      lower = upper;
    }
    return pieces;
  }

  /** {@code pieces - 1} NumberLongs cutting {@code [low, high)} into equal widths (fewer if the range is narrower). */
  static List<BsonValue> hashSplitPoints(BsonValue low, BsonValue high, long pieces) {
    BigInteger from = hashPosition(low, HASH_LOW);
    BigInteger width = hashPosition(high, HASH_END).subtract(from);
    long count = Math.min(pieces, width.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact());
    List<BsonValue> points = new ArrayList<>();
    for (long k = 1; k < count; k++) {
      points.add(new BsonInt64(from.add(width.multiply(BigInteger.valueOf(k)).divide(BigInteger.valueOf(count)))
          .longValueExact()));
    }
    return points;
  }

  private static ReadPartition partition(int index, ShardingMetadata metadata, Piece piece, BsonDocument scopeFilter,
      long estimatedDocuments) {
    BsonDocument key = metadata.shardKey();
    ReadPartition.Builder partition = ReadPartition.builder(index)
        .shard(piece.shard())
        .preferredHosts(metadata.hosts(piece.shard()))
        .hint(key)
        .keyRange(piece.min(), piece.max())
        .estimatedDocuments(estimatedDocuments);
    if (metadata.hashed() || key.size() > 1) {
      return partition.filter(scopeFilter).bounds(piece.min(), piece.max()).build();
    }
    String field = key.getFirstKey();
    BsonDocument range = KeyRangeFilter.of(field, piece.min().get(field), piece.max().get(field));
    return partition.filter(KeyRangeFilter.and(scopeFilter, range)).build();
  }

  /** Estimated documents per chunk (see the class comment). */
  static double[] chunkEstimates(ShardingMetadata metadata, long collectionDocuments) {
    List<Chunk> chunks = metadata.chunks();
    double[] estimates = new double[chunks.size()];
    BsonDocument key = metadata.shardKey();
    if (!metadata.hashed() || key.size() > 1 || !chunks.stream().allMatch(ChunkPartitioning::numericHashBounds)) {
      Arrays.fill(estimates, (double) collectionDocuments / chunks.size());
      return estimates;
    }
    String field = key.getFirstKey();
    for (int i = 0; i < chunks.size(); i++) {
      BigInteger low = hashPosition(chunks.get(i).min().get(field), HASH_LOW);
      BigInteger high = hashPosition(chunks.get(i).max().get(field), HASH_END);
      estimates[i] = new BigDecimal(high.subtract(low)).divide(HASH_SPACE).doubleValue() * collectionDocuments;
    }
    return estimates;
  }

  private static boolean numericHashBounds(Chunk chunk) {
    return chunk.min().values().stream().allMatch(ChunkPartitioning::hashBound)
        && chunk.max().values().stream().allMatch(ChunkPartitioning::hashBound);
  }

  private static boolean hashBound(BsonValue bound) {
    return bound.isNumber() || bound.getBsonType() == BsonType.MIN_KEY || bound.getBsonType() == BsonType.MAX_KEY;
  }

  /** A hashed bound's place in the hash space: MinKey and MaxKey stand for the ends. */
  private static BigInteger hashPosition(BsonValue bound, BigInteger infinity) {
    if (bound.getBsonType() == BsonType.MIN_KEY || bound.getBsonType() == BsonType.MAX_KEY) {
      return infinity;
    }
    return BigInteger.valueOf(bound.asNumber().longValue());
  }
}
