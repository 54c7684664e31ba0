package io.shopanalytics.jobs.load;

import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * The admin commands that shard the three source collections as the design says, as data: orders
 * on hashed {@code _id}, users on hashed {@code email}, products on ranged {@code category} with
 * the most popular categories pinned by zones. Run before the first insert, on empty collections.
 *
 * @param skipReason why nothing is sharded, or null when the plan has commands
 */
public record ShardingPlan(List<BsonDocument> commands, String skipReason) {
  /**
   * Before 7.2 {@code shardCollection} honours {@code numInitialChunks} for an empty collection on a
   * hashed key (7.0 and 7.1 included); from 7.2 it creates one chunk per shard and the option is
   * deprecated. The read plans partitions of their own size either way (see docs/ARCHITECTURE.md, reading a sharded cluster).
   */
  static final int PRE_SPLIT_CHUNKS_PER_SHARD = 4;
  static final int FIRST_MAJOR_ONE_CHUNK_PER_SHARD = 7;
  static final int FIRST_MINOR_ONE_CHUNK_PER_SHARD = 2;
  /** The zone of every category range not pinned to a shard of its own: the long tail. */
  static final String LONG_TAIL_ZONE = "products-long-tail";

  public ShardingPlan {
    commands = List.copyOf(commands);
  }

  public boolean skipped() {
    return skipReason != null;
  }

  /**
   * @param categoriesByPopularity most popular first: the first ones get a zone each, on shards
   *     of their own, while at least one shard stays free of pinned categories for the long tail.
   *     Every other category range gets the long-tail zone, on the remaining shards: a range in no
   *     zone may be balanced onto any shard, the pinned ones included.
   */
  public static ShardingPlan of(Topology topology, String database, List<String> categoriesByPopularity) {
    if (!topology.mongos()) {
      return new ShardingPlan(List.of(), "the server is a " + topology.kind()
          + ", not a mongos (isMaster.msg is not \"isdbgrid\")");
    }
    if (topology.shards().isEmpty()) {
      return new ShardingPlan(List.of(), "the mongos has no shards (listShards is empty)");
    }
    List<BsonDocument> commands = new ArrayList<>();
    commands.add(new BsonDocument("enableSharding", new BsonString(database)));
    commands.add(hashed(topology, database + ".orders", "_id"));
    commands.add(hashed(topology, database + ".users", "email"));
    String products = database + ".products";
    int pinned = Math.min(topology.shards().size() - 1, categoriesByPopularity.size());
    for (int i = 0; i < pinned; i++) {
      String category = categoriesByPopularity.get(i);
      String zone = zoneName(category);
      commands.add(new BsonDocument("addShardToZone", new BsonString(topology.shards().get(i)))
          .append("zone", new BsonString(zone)));
      // [category, category + "\0") holds exactly that category: nothing sorts between the two
      commands.add(zoneRange(products, new BsonString(category), new BsonString(category + "\u0000"), zone));
    }
    if (pinned > 0) {
      for (String shard : topology.shards().subList(pinned, topology.shards().size())) {
        commands.add(new BsonDocument("addShardToZone", new BsonString(shard)).append("zone", new BsonString(LONG_TAIL_ZONE)));
      }
      // the gaps between the pinned ranges, MinKey and MaxKey at the ends (other types of category included)
      List<String> sorted = categoriesByPopularity.subList(0, pinned).stream().sorted().toList();
      BsonValue lower = new BsonMinKey();
      for (String category : sorted) {
        commands.add(zoneRange(products, lower, new BsonString(category), LONG_TAIL_ZONE));
        lower = new BsonString(category + "\u0000");
      }
      commands.add(zoneRange(products, lower, new BsonMaxKey(), LONG_TAIL_ZONE));
    }
    // after the zones: sharding an empty collection then creates its chunks on the zones' shards
    commands.add(new BsonDocument("shardCollection", new BsonString(products))
        .append("key", new BsonDocument("category", new BsonInt32(1))));
    return new ShardingPlan(commands, null);
  }

  private static BsonDocument zoneRange(String namespace, BsonValue min, BsonValue max, String zone) {
    return new BsonDocument("updateZoneKeyRange", new BsonString(namespace))
        .append("min", new BsonDocument("category", min))
        .append("max", new BsonDocument("category", max))
        .append("zone", new BsonString(zone));
  }

  static String zoneName(String category) {
    return "products-" + Categories.slug(category);
  }

  private static BsonDocument hashed(Topology topology, String namespace, String field) {
    BsonDocument command = new BsonDocument("shardCollection", new BsonString(namespace))
        .append("key", new BsonDocument(field, new BsonString("hashed")));
    if (!topology.atLeast(FIRST_MAJOR_ONE_CHUNK_PER_SHARD, FIRST_MINOR_ONE_CHUNK_PER_SHARD)) {
      command.append("numInitialChunks", new BsonInt32(PRE_SPLIT_CHUNKS_PER_SHARD * topology.shards().size()));
    }
    return command;
  }

  /** Whether products end up sharded on category (their unique sku index must then change, see SourceIndexes). */
  public boolean shardsProducts() {
    return !skipped();
  }
}
