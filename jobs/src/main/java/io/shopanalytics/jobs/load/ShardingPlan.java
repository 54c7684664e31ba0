package io.shopanalytics.jobs.load;

import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/**
 * The admin commands that shard the three source collections as the design says, as data: orders
 * on hashed {@code _id}, users on hashed {@code email}, products on ranged {@code category} with
 * the most popular categories pinned by zones. Run before the first insert, on empty collections.
 *
 * @param skipReason why nothing is sharded, or null when the plan has commands
 */
public record ShardingPlan(List<BsonDocument> commands, String skipReason) {
  /** Pre-7.0 servers take an explicit pre-split; 7.0+ ignore numInitialChunks and pre-split hashed keys themselves (one chunk per shard). */
  static final int PRE_SPLIT_CHUNKS_PER_SHARD = 4;
  static final int FIRST_VERSION_SPLITTING_ITSELF = 7;

  public ShardingPlan {
    commands = List.copyOf(commands);
  }

  public boolean skipped() {
    return skipReason != null;
  }

  /**
   * @param categoriesByPopularity most popular first: the first ones get a zone each, on shards
   *     of their own, while at least one shard stays free of pinned categories for the long tail
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
      commands.add(new BsonDocument("updateZoneKeyRange", new BsonString(products))
          .append("min", new BsonDocument("category", new BsonString(category)))
          .append("max", new BsonDocument("category", new BsonString(category + "\u0000")))
          .append("zone", new BsonString(zone)));
    }
    // after the zones: sharding an empty collection then creates its chunks on the zones' shards
    commands.add(new BsonDocument("shardCollection", new BsonString(products))
        .append("key", new BsonDocument("category", new BsonInt32(1))));
    return new ShardingPlan(commands, null);
  }

  static String zoneName(String category) {
    return "products-" + Categories.slug(category);
  }

  private static BsonDocument hashed(Topology topology, String namespace, String field) {
    BsonDocument command = new BsonDocument("shardCollection", new BsonString(namespace))
        .append("key", new BsonDocument(field, new BsonString("hashed")));
    if (topology.majorVersion() < FIRST_VERSION_SPLITTING_ITSELF) {
      command.append("numInitialChunks", new BsonInt32(PRE_SPLIT_CHUNKS_PER_SHARD * topology.shards().size()));
    }
    return command;
  }

  /** Whether products end up sharded on category (their unique sku index must then change, see SourceIndexes). */
  public boolean shardsProducts() {
    return !skipped();
  }
}
