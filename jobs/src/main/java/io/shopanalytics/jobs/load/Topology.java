package io.shopanalytics.jobs.load;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/**
 * What the loader is talking to. Detected with {@code isMaster} rather than {@code hello}: the
 * embedded development server only knows the former, and every MongoDB 6.0-8.0 still answers it.
 *
 * @param kind for messages: "mongos", "standalone server", "replica set member (rs0)"
 * @param shards shard names, sorted (mongos only)
 * @param majorVersion server major version (mongos only, 0 otherwise)
 * @param minorVersion server minor version (mongos only, 0 otherwise): 7.2 changed how
 *     {@code shardCollection} pre-splits
 */
public record Topology(boolean mongos, String kind, List<String> shards, int majorVersion, int minorVersion) {
  public Topology {
    shards = List.copyOf(shards);
  }

  public static Topology mongos(List<String> shards, int majorVersion, int minorVersion) {
    return new Topology(true, "mongos", shards.stream().sorted().toList(), majorVersion, minorVersion);
  }

  public static Topology notMongos(String kind) {
    return new Topology(false, kind, List.of(), 0, 0);
  }

  /** True when the server is at least {@code major.minor}. */
  public boolean atLeast(int major, int minor) {
    return majorVersion > major || (majorVersion == major && minorVersion >= minor);
  }

  static Topology probe(MongoDatabase admin) {
    BsonDocument isMaster = admin.runCommand(new BsonDocument("isMaster", new BsonInt32(1)), BsonDocument.class);
    BsonValue msg = isMaster.get("msg");
    if (msg == null || !msg.isString() || !msg.asString().getValue().equals("isdbgrid")) {
      BsonValue setName = isMaster.get("setName");
      return notMongos(setName != null && setName.isString()
          ? "replica set member (" + setName.asString().getValue() + ")" : "standalone server");
    }
    List<String> shards = new ArrayList<>();
    BsonDocument listShards = admin.runCommand(new BsonDocument("listShards", new BsonInt32(1)), BsonDocument.class);
    listShards.getArray("shards").forEach(shard -> shards.add(shard.asDocument().getString("_id").getValue()));
    BsonDocument buildInfo = admin.runCommand(new BsonDocument("buildInfo", new BsonInt32(1)), BsonDocument.class);
    return mongos(shards, buildInfo.getArray("versionArray").get(0).asNumber().intValue(),
        buildInfo.getArray("versionArray").get(1).asNumber().intValue());
  }
}
