package io.shopanalytics.common.testing;

import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@code config.*} documents in the shapes real clusters store (field names and types as on
 * MongoDB 7.0 for the uuid shape, 4.4 for the ns shape), trimmed to the fields the planner reads
 * plus a few it must ignore.
 */
public final class RecordedConfig {
  public static final String ORDERS = "shop.orders";
  public static final String PRODUCTS = "shop.products";
  public static final String UUID = "{$binary: {base64: 'q83vEjRWeJCrze8SNFZ4kA==', subType: '04'}}";

  /** 5.0+: config.collections of orders, sharded on a hashed _id. */
  public static final String ORDERS_COLLECTION = """
      {_id: 'shop.orders', lastmodEpoch: {$oid: '65a000000000000000000001'}, lastmod: {$date: '2024-01-10T00:00:00Z'},
       timestamp: {$timestamp: {t: 1704844800, i: 7}}, uuid: %s, key: {_id: 'hashed'}, unique: false,
       noBalance: false}""".formatted(UUID);

  /** Before 5.0: the same collection, chunks refer to it by ns, it has no timestamp. */
  public static final String ORDERS_COLLECTION_44 = """
      {_id: 'shop.orders', lastmodEpoch: {$oid: '65a000000000000000000001'}, lastmod: {$date: '2024-01-10T00:00:00Z'},
       dropped: false, key: {_id: 'hashed'}, unique: false, uuid: %s}""".formatted(UUID);

  public static final String THREE_SHARDS = """
      [{_id: 'shard0', host: 'shard0/h0a.example:27018,h0b.example:27018', state: 1, topologyTime: {$timestamp: {t: 1, i: 1}}},
       {_id: 'shard1', host: 'shard1/h1a.example:27018,h1b.example:27018', state: 1},
       {_id: 'shard2', host: 'shard2/h2a.example:27018', state: 1}]""";

  public static final String ONE_SHARD = "[{_id: 'shard0', host: 'shard0/h0a.example:27018,h0b.example:27018', state: 1}]";

  /** Hash boundaries of the six orders chunks, in units of 10^18. */
  public static final long E18 = 1_000_000_000_000_000_000L;

  /** Six chunks of orders, two per shard, adjacent pairs on one shard, in scrambled order. */
  public static List<BsonDocument> ordersChunks(String selector, String... shards) {
    long[] bounds = {-6 * E18, -3 * E18, 0, 3 * E18, 6 * E18};
    List<BsonDocument> chunks = new ArrayList<>();
    for (int i = 0; i <= bounds.length; i++) {
      String min = i == 0 ? "{$minKey: 1}" : "{$numberLong: '" + bounds[i - 1] + "'}";
      String max = i == bounds.length ? "{$maxKey: 1}" : "{$numberLong: '" + bounds[i] + "'}";
      chunks.add(BsonDocument.parse("{_id: {$oid: '65a0000000000000000001" + String.format("%02d", i) + "'}, "
          + selector + ", min: {_id: " + min + "}, max: {_id: " + max + "}, shard: '" + shards[i / (6 / shards.length) % shards.length]
          + "', lastmod: {$timestamp: {t: " + (i + 1) + ", i: " + (10 - i) + "}}, onCurrentShardSince: {$timestamp: {t: 1, i: 0}}, "
          + "history: [{validAfter: {$timestamp: {t: 1, i: 0}}, shard: 'shard0'}]}"));
    }
    List<BsonDocument> scrambled = new ArrayList<>();
    for (int i : new int[] {3, 0, 5, 1, 4, 2}) {
      scrambled.add(chunks.get(i));
    }
    return scrambled;
  }

  public static String byUuid() {
    return "uuid: " + UUID;
  }

  public static String byNs(String namespace) {
    return "ns: '" + namespace + "', lastmodEpoch: {$oid: '65a000000000000000000001'}";
  }

  /** 5.0+: products, ranged on category. */
  public static final String PRODUCTS_COLLECTION = """
      {_id: 'shop.products', lastmodEpoch: {$oid: '65a000000000000000000002'}, timestamp: {$timestamp: {t: 1704844900, i: 1}},
       uuid: {$binary: {base64: 'EjRWeJCrze8SNFZ4kKvN7w==', subType: '04'}}, key: {category: 1}, unique: false}""";

  /** Products: [MinKey, Books) on shard0, [Books, Garden) on shard1, [Garden, MaxKey) on shard0. */
  public static final String PRODUCTS_CHUNKS = """
      [{uuid: {$binary: {base64: 'EjRWeJCrze8SNFZ4kKvN7w==', subType: '04'}}, min: {category: {$minKey: 1}},
        max: {category: 'Books'}, shard: 'shard0', lastmod: {$timestamp: {t: 2, i: 0}}},
       {uuid: {$binary: {base64: 'EjRWeJCrze8SNFZ4kKvN7w==', subType: '04'}}, min: {category: 'Books'},
        max: {category: 'Garden'}, shard: 'shard1', lastmod: {$timestamp: {t: 2, i: 1}}},
       {uuid: {$binary: {base64: 'EjRWeJCrze8SNFZ4kKvN7w==', subType: '04'}}, min: {category: 'Garden'},
        max: {category: {$maxKey: 1}}, shard: 'shard0', lastmod: {$timestamp: {t: 1, i: 3}}}]""";

  /** A third of the hash space: the bounds of one chunk per shard on three shards. */
  public static final long THIRD = 3_074_457_345_618_258_602L;

  /**
   * 7.2+ (and 8.0): {@code shardCollection} of an empty collection on a hashed key creates one
   * chunk per shard, in scrambled order, with the 7.0+ {@code onCurrentShardSince} field.
   */
  public static List<BsonDocument> oneChunkPerShard(String selector) {
    return chunks(selector, new long[] {-THIRD, THIRD}, new String[] {"shard1", "shard0", "shard2"}, new int[] {1, 2, 3});
  }

  /**
   * 7.0 after the AutoMerger: each shard's adjacent chunks squashed into one (fewer, uneven chunks;
   * shard0 holds two ranges that are not adjacent). Minor versions raised by the merges.
   */
  public static List<BsonDocument> mergedChunks(String selector) {
    return chunks(selector, new long[] {-5 * E18, E18, 2 * E18}, new String[] {"shard0", "shard1", "shard0", "shard2"},
        new int[] {4, 7, 9, 8});
  }

  /** Chunks of orders between the given bounds (MinKey and MaxKey at the ends), major version 3, last first. */
  public static List<BsonDocument> chunks(String selector, long[] bounds, String[] shards, int[] minors) {
    List<BsonDocument> chunks = new ArrayList<>();
    for (int i = 0; i <= bounds.length; i++) {
      String min = i == 0 ? "{$minKey: 1}" : "{$numberLong: '" + bounds[i - 1] + "'}";
      String max = i == bounds.length ? "{$maxKey: 1}" : "{$numberLong: '" + bounds[i] + "'}";
      chunks.add(BsonDocument.parse("{_id: {$oid: '65a0000000000000000002" + String.format("%02d", i) + "'}, " + selector
          + ", min: {_id: " + min + "}, max: {_id: " + max + "}, shard: '" + shards[i] + "', lastmod: {$timestamp: {t: 3, i: "
          + minors[i] + "}}, onCurrentShardSince: {$timestamp: {t: 1704844800, i: 9}}, history: []}"));
    }
    List<BsonDocument> scrambled = new ArrayList<>(chunks.subList(1, chunks.size()));
    scrambled.add(chunks.get(0));
    return scrambled;
  }

  /**
   * 8.0: an unsharded collection moved with {@code moveCollection} (or unsharded with
   * {@code unshardCollection}) is tracked with {@code unsplittable: true}, a {@code {_id: 1}} key
   * and one chunk on its shard.
   */
  public static final String UNSPLITTABLE_ORDERS = """
      {_id: 'shop.orders', lastmodEpoch: {$oid: '66a000000000000000000001'}, lastmod: {$date: '2024-09-01T00:00:00Z'},
       timestamp: {$timestamp: {t: 1725148800, i: 2}}, uuid: %s, key: {_id: 1}, unique: false, unsplittable: true}"""
      .formatted(UUID);

  public static final String UNSPLITTABLE_CHUNK = """
      [{uuid: %s, min: {_id: {$minKey: 1}}, max: {_id: {$maxKey: 1}}, shard: 'shard1',
        lastmod: {$timestamp: {t: 1, i: 0}}, onCurrentShardSince: {$timestamp: {t: 1725148800, i: 2}}, history: []}]"""
      .formatted(UUID);

  /** Products, ranged on category, one chunk per shard: [MinKey, Electronics), [Electronics, Home), [Home, MaxKey). */
  public static final String PRODUCTS_ONE_CHUNK_PER_SHARD = """
      [{uuid: {$binary: {base64: 'EjRWeJCrze8SNFZ4kKvN7w==', subType: '04'}}, min: {category: {$minKey: 1}},
        max: {category: 'Electronics'}, shard: 'shard0', lastmod: {$timestamp: {t: 2, i: 0}}},
       {uuid: {$binary: {base64: 'EjRWeJCrze8SNFZ4kKvN7w==', subType: '04'}}, min: {category: 'Electronics'},
        max: {category: 'Home'}, shard: 'shard1', lastmod: {$timestamp: {t: 2, i: 1}}},
       {uuid: {$binary: {base64: 'EjRWeJCrze8SNFZ4kKvN7w==', subType: '04'}}, min: {category: 'Home'},
        max: {category: {$maxKey: 1}}, shard: 'shard2', lastmod: {$timestamp: {t: 2, i: 2}}}]""";

  private RecordedConfig() {}

  public static BsonDocument document(String json) {
    return BsonDocument.parse(json);
  }

  public static List<BsonDocument> documents(String jsonArray) {
    List<BsonDocument> documents = new ArrayList<>();
    for (BsonValue value : BsonArray.parse(jsonArray)) {
      documents.add(value.asDocument());
    }
    return documents;
  }
}
