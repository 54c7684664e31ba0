package io.shopanalytics.common.source;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.Document;

/**
 * Sharding metadata written into the embedded server's {@code config} database, in the 5.0+ shape.
 * A stand-in: the embedded server cannot shard (no {@code shardCollection}, no hashed indexes, and
 * it ignores {@code hint}/{@code min}/{@code max}), so its data all sits in one place; but the
 * planner only reads {@code config.*} and every partition reads through the one endpoint, so the
 * plan and its exactly-once coverage are exercised as they would be through mongos. Orders stand in
 * with a ranged {@code _id} key (a hashed key's min/max bounds need a real server).
 */
final class ShardingStandIn {
  static final List<String> SHARDS = List.of("shard0", "shard1", "shard2");

  private ShardingStandIn() {}

  /**
   * @param bounds the split points between chunks, in key order
   * @param shards the shard of each chunk (one more than the split points)
   */
  static void shard(MongoDatabase config, String namespace, String field, List<BsonValue> bounds, List<String> shards) {
    BsonBinary uuid = new BsonBinary(UUID.nameUUIDFromBytes(namespace.getBytes(StandardCharsets.UTF_8)));
    config.getCollection("collections", BsonDocument.class).insertOne(new BsonDocument("_id", new BsonString(namespace))
        .append("key", new BsonDocument(field, new BsonInt32(1)))
        .append("timestamp", new BsonTimestamp(1_700_000_000, 1))
        .append("uuid", uuid));
    List<BsonDocument> chunks = new ArrayList<>();
    for (int i = 0; i <= bounds.size(); i++) {
      BsonValue min = i == 0 ? new BsonMinKey() : bounds.get(i - 1);
      BsonValue max = i == bounds.size() ? new BsonMaxKey() : bounds.get(i);
      chunks.add(new BsonDocument("uuid", uuid)
          .append("min", new BsonDocument(field, min)).append("max", new BsonDocument(field, max))
          .append("shard", new BsonString(shards.get(i))).append("lastmod", new BsonTimestamp(1, i)));
    }
    config.getCollection("chunks", BsonDocument.class).insertMany(chunks);
    if (config.getCollection("shards").countDocuments() == 0) {
      for (int i = 0; i < SHARDS.size(); i++) {
        config.getCollection("shards").insertOne(new Document("_id", SHARDS.get(i))
            .append("host", SHARDS.get(i) + "/127.0.0.1:" + (27018 + i)).append("state", 1));
      }
    }
  }

  /** What a migration does to config.chunks: the chunk starting at {@code min} moves, with a new major version. */
  static void migrate(MongoDatabase config, String field, BsonValue min, String toShard) {
    config.getCollection("chunks").updateOne(Filters.eq("min." + field, min),
        Updates.combine(Updates.set("shard", toShard), Updates.set("lastmod", new BsonTimestamp(2, 0))));
  }
}
