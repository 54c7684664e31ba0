package io.shopanalytics.common.mongo;

import com.mongodb.ReadPreference;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.conversions.Bson;

/**
 * Reads a collection's sharding metadata from the {@code config} database through mongos.
 *
 * <p>These small reads go to the config servers' primary when it is up ({@code primaryPreferred}),
 * not to the data read preference: the version check after a read needs the newest metadata, and
 * staleness bounds are about the shards' data. On a server without sharding (a replica set, the
 * embedded server) {@code config.collections} has no entry and the collection counts as unsharded.
 */
public final class ConfigMetadataReader {
  private ConfigMetadataReader() {}

  public static ShardingMetadata read(MongoClient client, String namespace) {
    MongoDatabase config = config(client);
    BsonDocument collection = collectionEntry(config, namespace);
    if (collection == null) {
      return ShardingMetadata.parse(namespace, null, List.of(), List.of());
    }
    List<BsonDocument> chunks = new ArrayList<>();
    for (Bson selector : chunkSelectors(collection, namespace)) {
      config.getCollection("chunks", BsonDocument.class).find(selector).into(chunks);
      if (!chunks.isEmpty()) {
        break;
      }
    }
    List<BsonDocument> shards = config.getCollection("shards", BsonDocument.class).find().into(new ArrayList<>());
    return ShardingMetadata.parse(namespace, collection, chunks, shards);
  }

  /** The current metadata version (see {@link ShardingMetadata#version()}), null when not sharded. */
  public static String version(MongoClient client, String namespace) {
    MongoDatabase config = config(client);
    BsonDocument collection = collectionEntry(config, namespace);
    if (collection == null || collection.getBoolean("dropped", BsonBoolean.FALSE).getValue()) {
      return null;
    }
    MongoCollection<BsonDocument> chunks = config.getCollection("chunks", BsonDocument.class);
    for (Bson selector : chunkSelectors(collection, namespace)) {
      BsonDocument newest = chunks.find(selector).sort(Sorts.descending("lastmod"))
          .projection(Projections.include("lastmod")).limit(1).first();
      if (newest != null && newest.isTimestamp("lastmod")) {
        return ShardingMetadata.version(collection, newest.getTimestamp("lastmod"));
      }
    }
    return ShardingMetadata.version(collection, new BsonTimestamp());
  }

  private static MongoDatabase config(MongoClient client) {
    return client.getDatabase("config").withReadPreference(ReadPreference.primaryPreferred());
  }

  private static BsonDocument collectionEntry(MongoDatabase config, String namespace) {
    return config.getCollection("collections", BsonDocument.class).find(Filters.eq("_id", namespace)).first();
  }

  /**
   * 5.0+ chunks carry the collection's {@code uuid}; older ones its {@code ns}. Each query uses an
   * index of {@code config.chunks} (one {@code $or} of both would scan every collection's chunks).
   */
  private static List<Bson> chunkSelectors(BsonDocument collection, String namespace) {
    List<Bson> selectors = new ArrayList<>();
    if (collection.containsKey("uuid")) {
      selectors.add(Filters.eq("uuid", collection.get("uuid")));
    }
    selectors.add(Filters.eq("ns", namespace));
    return selectors;
  }
}
