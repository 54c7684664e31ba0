package io.shopanalytics.common.mongo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/**
 * One collection's sharding metadata as read from {@code config.collections}, {@code config.chunks}
 * and {@code config.shards}, parsed and checked without a server (so that planning is a pure
 * function of recorded documents). Both shapes are accepted: chunks carrying {@code uuid} (5.0+)
 * or {@code ns} (older clusters). Anything inconsistent fails with a message that names the
 * document and the field.
 */
public final class ShardingMetadata {
  /**
   * Whether the collection is sharded, according to {@code config.collections}. UNSPLITTABLE: an
   * unsharded collection that MongoDB 8.0 tracks there (after {@code moveCollection} or
   * {@code unshardCollection}) with {@code unsplittable: true}, a {@code {_id: 1}} key and one
   * chunk; it is read as an unsharded collection.
   */
  public enum State { SHARDED, NOT_SHARDED, DROPPED, UNSPLITTABLE }

  private final String namespace;
  private final State state;
  private final BsonDocument shardKey;
  private final List<Chunk> chunks;
  private final Map<String, List<String>> shardHosts;
  private final String version;
  private final String incarnation;

  private ShardingMetadata(String namespace, State state, BsonDocument shardKey, List<Chunk> chunks,
      Map<String, List<String>> shardHosts, String version, String incarnation) {
    this.incarnation = incarnation;
    this.namespace = namespace;
    this.state = state;
    this.shardKey = shardKey;
    this.chunks = List.copyOf(chunks);
    this.shardHosts = shardHosts;
    this.version = version;
  }

  /** One chunk: {@code [min, max)} of the shard key on {@code shard}. */
  public record Chunk(BsonDocument min, BsonDocument max, String shard, BsonTimestamp lastmod) {}

  /**
   * @param namespace {@code db.collection}
   * @param collection its {@code config.collections} document, or null when there is none
   * @param chunkDocuments its {@code config.chunks} documents, in any order
   * @param shardDocuments every {@code config.shards} document
   */
  public static ShardingMetadata parse(String namespace, BsonDocument collection, List<BsonDocument> chunkDocuments,
      List<BsonDocument> shardDocuments) {
    if (collection == null) {
      return new ShardingMetadata(namespace, State.NOT_SHARDED, null, List.of(), Map.of(), null, null);
    }
    if (collection.isBoolean("dropped") && collection.getBoolean("dropped").getValue()) {
      // before 5.0 a dropped sharded collection kept its config.collections entry, flagged
      return new ShardingMetadata(namespace, State.DROPPED, null, List.of(), Map.of(), null, null);
    }
    BsonDocument key = shardKey(namespace, collection);
    Map<String, List<String>> hosts = shardHosts(namespace, shardDocuments);
    List<Chunk> chunks = chain(namespace, key, chunks(namespace, collection, key, hosts, chunkDocuments));
    BsonTimestamp newest = chunks.stream().map(Chunk::lastmod).max(BsonTimestamp::compareTo).orElseThrow();
    State state = collection.getBoolean("unsplittable", BsonBoolean.FALSE).getValue() ? State.UNSPLITTABLE : State.SHARDED;
    return new ShardingMetadata(namespace, state, key, chunks, hosts, version(collection, newest),
        incarnation(collection));
  }

  private static String incarnation(BsonDocument collection) {
    BsonValue incarnation = collection.containsKey("timestamp") ? collection.get("timestamp") : collection.get("lastmodEpoch");
    return incarnation == null ? "?" : incarnation.toString();
  }

  /**
   * The metadata version: the collection's incarnation (5.0+ {@code timestamp}, older
   * {@code lastmodEpoch}) and the newest chunk {@code lastmod}. Every split, merge and migration
   * raises the newest {@code lastmod}; a drop and re-shard changes the incarnation.
   */
  static String version(BsonDocument collection, BsonTimestamp newestChunk) {
    return "collection=" + incarnation(collection) + ", chunks=" + newestChunk.getTime() + "|" + newestChunk.getInc();
  }

  private static BsonDocument shardKey(String namespace, BsonDocument collection) {
    if (!collection.isDocument("key") || collection.getDocument("key").isEmpty()) {
      throw malformed(namespace, "config.collections document has no shard key 'key': " + collection.toJson());
    }
    BsonDocument key = collection.getDocument("key");
    for (Map.Entry<String, BsonValue> field : key.entrySet()) {
      BsonValue kind = field.getValue();
      boolean ranged = kind.isNumber() && Math.abs(kind.asNumber().doubleValue()) == 1;
      boolean hashed = kind.isString() && kind.asString().getValue().equals("hashed");
      if (!ranged && !hashed) {
        throw malformed(namespace, "shard key field '" + field.getKey() + "' is " + kind + " (expected 1, -1 or \"hashed\")");
      }
    }
    return key;
  }

  private static Map<String, List<String>> shardHosts(String namespace, List<BsonDocument> shardDocuments) {
    Map<String, List<String>> hosts = new TreeMap<>();
    for (BsonDocument shard : shardDocuments) {
      if (!shard.isString("_id") || !shard.isString("host")) {
        throw malformed(namespace, "config.shards document without string '_id' and 'host': " + shard.toJson());
      }
      hosts.put(shard.getString("_id").getValue(), hostNames(shard.getString("host").getValue()));
    }
    return hosts;
  }

  /** {@code rs/h1:27018,h2:27018} to {@code [h1, h2]}: Spark's locality matches host names, not ports. */
  static List<String> hostNames(String hostString) {
    String members = hostString.contains("/") ? hostString.substring(hostString.indexOf('/') + 1) : hostString;
    List<String> names = new ArrayList<>();
    for (String member : members.split(",")) {
      String trimmed = member.trim();
      String name = trimmed.startsWith("[") ? trimmed.substring(1, trimmed.indexOf(']'))
          : trimmed.contains(":") ? trimmed.substring(0, trimmed.lastIndexOf(':')) : trimmed;
      if (!name.isEmpty() && !names.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  private static List<Chunk> chunks(String namespace, BsonDocument collection, BsonDocument key,
      Map<String, List<String>> hosts, List<BsonDocument> chunkDocuments) {
    BsonValue uuid = collection.get("uuid");
    List<Chunk> chunks = new ArrayList<>();
    for (BsonDocument chunk : chunkDocuments) {
      boolean byUuid = uuid != null && uuid.equals(chunk.get("uuid"));
      boolean byNamespace = chunk.isString("ns") && chunk.getString("ns").getValue().equals(namespace);
      if (!byUuid && !byNamespace) {
        throw malformed(namespace, "config.chunks document belongs to another collection (neither uuid " + uuid
            + " nor ns): " + chunk.toJson());
      }
      if (!chunk.isDocument("min") || !chunk.isDocument("max") || !chunk.isString("shard") || !chunk.isTimestamp("lastmod")) {
        throw malformed(namespace, "config.chunks document needs documents 'min' and 'max', a string 'shard' and a "
            + "timestamp 'lastmod': " + chunk.toJson());
      }
      BsonDocument min = chunk.getDocument("min");
      BsonDocument max = chunk.getDocument("max");
      if (!min.keySet().equals(key.keySet()) || !max.keySet().equals(key.keySet())) {
        throw malformed(namespace, "chunk bounds " + min.toJson() + " - " + max.toJson() + " do not have the shard key's fields "
            + key.keySet());
      }
      String shard = chunk.getString("shard").getValue();
      if (!hosts.containsKey(shard)) {
        throw malformed(namespace, "chunk " + min.toJson() + " - " + max.toJson() + " is on shard '" + shard
            + "', which config.shards does not list (shards: " + hosts.keySet() + ")");
      }
      chunks.add(new Chunk(min, max, shard, chunk.getTimestamp("lastmod")));
    }
    if (chunks.isEmpty()) {
      throw malformed(namespace, "config.collections says the collection is sharded, but config.chunks has no chunk for it "
          + "(uuid " + uuid + ")");
    }
    return chunks;
  }

  /**
   * Orders the chunks by following each chunk's max to the next chunk's min, from all-MinKey to
   * all-MaxKey. No BSON comparator is needed, and gaps and overlaps show up as errors.
   */
  private static List<Chunk> chain(String namespace, BsonDocument key, List<Chunk> chunks) {
    Map<BsonDocument, Chunk> byMin = new LinkedHashMap<>();
    for (Chunk chunk : chunks) {
      Chunk previous = byMin.put(chunk.min(), chunk);
      if (previous != null) {
        throw malformed(namespace, "two chunks start at " + chunk.min().toJson() + " (shards " + previous.shard() + " and "
            + chunk.shard() + ")");
      }
    }
    List<Chunk> ordered = new ArrayList<>();
    BsonDocument next = allOf(key, new BsonMinKey());
    BsonDocument end = allOf(key, new BsonMaxKey());
    while (!next.equals(end)) {
      Chunk chunk = byMin.get(next);
      if (chunk == null) {
        throw malformed(namespace, "no chunk starts at " + next.toJson() + ": the chunk ranges have a gap");
      }
      ordered.add(chunk);
      next = chunk.max();
      if (ordered.size() > chunks.size()) {
        throw malformed(namespace, "the chunk ranges loop back on themselves at " + next.toJson());
      }
    }
    if (ordered.size() != chunks.size()) {
      List<Chunk> unused = new ArrayList<>(chunks);
      unused.removeAll(ordered);
      throw malformed(namespace, unused.size() + " chunk(s) lie outside the MinKey-MaxKey chain, e.g. "
          + unused.get(0).min().toJson() + " - " + unused.get(0).max().toJson());
    }
    return ordered;
  }

  private static BsonDocument allOf(BsonDocument key, BsonValue value) {
    BsonDocument bound = new BsonDocument();
    key.keySet().forEach(field -> bound.append(field, value));
    return bound;
  }

  private static IllegalStateException malformed(String namespace, String what) {
    return new IllegalStateException("Malformed sharding metadata for " + namespace + ": " + what);
  }

  public String namespace() {
    return namespace;
  }

  public State state() {
    return state;
  }

  /** The shard key pattern, e.g. {@code {_id: "hashed"}}; null unless sharded. */
  public BsonDocument shardKey() {
    return shardKey;
  }

  /** True when a field of the shard key is hashed (chunk bounds are then NumberLong hash values). */
  public boolean hashed() {
    return shardKey != null && shardKey.values().stream().anyMatch(BsonValue::isString);
  }

  /** The chunks in shard-key order, from MinKey to MaxKey. */
  public List<Chunk> chunks() {
    return chunks;
  }

  /** A shard's host names (no ports), for Spark locality. */
  public List<String> hosts(String shard) {
    return shardHosts.getOrDefault(shard, List.of());
  }

  /** The version string compared after the read (null without chunks). */
  public String version() {
    return version;
  }

  /** The collection's incarnation ({@code timestamp} or {@code lastmodEpoch}): changes when it is resharded or recreated. */
  public String incarnation() {
    return incarnation;
  }

  /**
   * The collection's major chunk version: the highest major component of any chunk's
   * {@code lastmod}. A migration gives the moved chunk a higher major version; splits and merges
   * (the AutoMerger's too) raise minor versions only. 0 without chunks.
   */
  public long majorVersion() {
    return chunks.stream().mapToLong(chunk -> chunk.lastmod().getTime() & 0xffffffffL).max().orElse(0);
  }

  /** The chunks that share a key with {@code [min, max)} (bounds of the shard key's fields). */
  public List<Chunk> overlapping(BsonDocument min, BsonDocument max) {
    return chunks.stream().filter(chunk -> KeyOrder.overlap(min, max, chunk.min(), chunk.max())).toList();
  }

  @Override
  public String toString() {
    return namespace + " " + state + (shardKey == null ? "" : " key=" + shardKey.toJson() + ", " + chunks.size()
        + " chunks on " + shardHosts.keySet() + ", " + version);
  }
}
