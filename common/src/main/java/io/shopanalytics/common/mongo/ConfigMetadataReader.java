package io.shopanalytics.common.mongo;

import com.mongodb.MongoServerException;
import com.mongodb.ReadPreference;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.conversions.Bson;

/**
 * Reads a collection's sharding metadata from the {@code config} database through mongos.
 *
 * <p>These small reads go to the config servers' primary when it is up ({@code primaryPreferred}),
 * not to the data read preference: the check after a read needs the newest metadata, and
 * staleness bounds are about the shards' data. On a server without sharding (a replica set, the
 * embedded server) {@code config.collections} has no entry and the collection counts as unsharded.
 *
 * <p>A consistent snapshot: {@code config.chunks} is read in batches, with no snapshot across its
 * {@code getMore}s, so a split, merge or migration committing in between could give a chain with a
 * gap or an overlap. Every such commit raises the collection version (the newest chunk
 * {@code lastmod}), so the version is read before and after the chunks; a difference, or a chain
 * that does not hold, means "read again", up to {@link #ATTEMPTS} times.
 *
 * <p>Permissions: reading {@code config.*} needs {@code read} on {@code config} or
 * {@code clusterMonitor}; without it every method here throws {@link MetadataAccessDenied}.
 */
public final class ConfigMetadataReader {
  /** Snapshot attempts before giving up; a busy balancer commits a few changes a minute at most. */
  static final int ATTEMPTS = 5;
  private static final Logger LOG = LogManager.getLogger(ConfigMetadataReader.class);

  private ConfigMetadataReader() {}

  public static ShardingMetadata read(MongoClient client, String namespace) {
    return authorized(namespace, () -> snapshot(new ServerQueries(config(client), namespace), namespace));
  }

  /** The four reads a snapshot is made of; an interface so that a snapshot can be tested on scripted answers. */
  interface Queries {
    /** The version as {@link ShardingMetadata#version()} gives it, null when not sharded. */
    String version();

    BsonDocument collection();

    List<BsonDocument> chunks(BsonDocument collection);

    List<BsonDocument> shards();
  }

  private record ServerQueries(MongoDatabase config, String namespace) implements Queries {
    @Override
    public String version() {
      return ConfigMetadataReader.version(config, namespace);
    }

    @Override
    public BsonDocument collection() {
      return collectionEntry(config, namespace);
    }

    @Override
    public List<BsonDocument> chunks(BsonDocument collection) {
      List<BsonDocument> chunks = new ArrayList<>();
      for (Bson selector : chunkSelectors(collection, namespace)) {
        config.getCollection("chunks", BsonDocument.class).find(selector).into(chunks);
        if (!chunks.isEmpty()) {
          break;
        }
      }
      return chunks;
    }

    @Override
    public List<BsonDocument> shards() {
      return config.getCollection("shards", BsonDocument.class).find().into(new ArrayList<>());
    }
  }

  /** The current metadata version (see {@link ShardingMetadata#version()}), null when not sharded. */
  public static String version(MongoClient client, String namespace) {
    return authorized(namespace, () -> version(config(client), namespace));
  }

  static ShardingMetadata snapshot(Queries queries, String namespace) {
    IllegalStateException broken = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      String before = queries.version();
      BsonDocument collection = queries.collection();
      if (collection == null) {
        return ShardingMetadata.parse(namespace, null, List.of(), List.of());
      }
      List<BsonDocument> chunks = queries.chunks(collection);
      List<BsonDocument> shards = queries.shards();
      String after = queries.version();
      if (!Objects.equals(before, after)) {
        LOG.info("Sharding metadata of {} changed while it was read ([{}] then [{}]): reading it again", namespace,
            before, after);
        continue;
      }
      try {
        return ShardingMetadata.parse(namespace, collection, chunks, shards);
      } catch (IllegalStateException e) {
        broken = e; // a change the version did not show yet (a commit between the last batch and the check)
        LOG.info("Sharding metadata of {} did not hold together (attempt {} of {}): {}", namespace, attempt, ATTEMPTS,
            e.getMessage());
      }
    }
    throw broken != null ? broken : new IllegalStateException("Sharding metadata of " + namespace
        + " kept changing while it was read (" + ATTEMPTS + " attempts): the balancer is very busy; run again later");
  }

  private static String version(MongoDatabase config, String namespace) {
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

  static <T> T authorized(String namespace, Supplier<T> read) {
    try {
      return read.get();
    } catch (MongoServerException e) {
      if (e.getCode() == MetadataAccessDenied.UNAUTHORIZED) {
        throw new MetadataAccessDenied(namespace, e);
      }
      throw e;
    }
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
