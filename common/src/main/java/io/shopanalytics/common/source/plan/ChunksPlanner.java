package io.shopanalytics.common.source.plan;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.mongo.ConfigMetadataReader;
import io.shopanalytics.common.mongo.MetadataAccessDenied;
import io.shopanalytics.common.mongo.ShardingMetadata;
import io.shopanalytics.common.source.ReadPartition;
import io.shopanalytics.common.source.ReadPlan;
import io.shopanalytics.common.source.ReadScope;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.bson.BsonDocument;

/**
 * The {@code chunks} strategy: partitions of about the target size inside the chunks of one shard
 * each (see {@link ChunkPartitioning}), each read through mongos with the configured read
 * preference.
 *
 * <p>Why these reads never see orphans, and stay correct while chunks move: a read through mongos
 * is versioned. mongos sends each shard the routing version it targeted with; the shard (primary,
 * or secondary since 3.6) filters out documents of ranges it does not own at that version, which
 * are the orphans a migration leaves behind or is still copying. If a chunk moved after planning,
 * the shard answers "stale config", mongos refreshes and sends the range to the shard that owns it
 * now. A partition is a key range, not an instruction to read shard X: mongos does not target a
 * query by {@code min}/{@code max}, so each partition's query goes to every shard and those that do
 * not own the range return nothing. Its locality (the preferred hosts) and its attribution in the
 * per-shard metrics are what can go stale. Shards are never read directly: that returns orphans,
 * and MongoDB 8.0 refuses it without a special role.
 *
 * <p>Falls back to {@code _id} ranges, with the reason logged and given in the plan, for a
 * collection that is not sharded, dropped, unsplittable (8.0, after {@code moveCollection}), or
 * whose metadata this user may not read (one WARN: see {@link MetadataAccessDenied#warnOnce}).
 */
public final class ChunksPlanner implements EstimatedPlanner {
  public static final String NAME = "chunks";
  private static final Logger LOG = LogManager.getLogger(ChunksPlanner.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ReadPlan plan(MongoClient client, MongoSettings settings, String collection, ReadScope scope,
      int targetDocuments, ScopeEstimate estimate) {
    String namespace = settings.database() + "." + collection;
    MongoCollection<BsonDocument> documents = client.getDatabase(settings.database())
        .getCollection(collection, BsonDocument.class);
    ShardingMetadata metadata;
    try {
      metadata = ConfigMetadataReader.read(client, namespace);
    } catch (MetadataAccessDenied e) {
      e.warnOnce();
      String why = namespace + ": the user may not read config.* (needs read on config or clusterMonitor), "
          + "falling back to _id ranges";
      return IdRangePlanner.plan(NAME, why, documents, scope, estimate, targetDocuments);
    }
    if (metadata.state() != ShardingMetadata.State.SHARDED) {
      String why = namespace + switch (metadata.state()) {
        case DROPPED -> " is marked dropped in config.collections";
        case UNSPLITTABLE -> " is unsplittable (an unsharded collection tracked in config.collections, on shard "
            + metadata.chunks().get(0).shard() + ")";
        default -> " is not sharded (no config.collections entry)";
      } + ": no chunks to follow, falling back to _id ranges";
      LOG.info("chunks: {}", why);
      ReadPlan ranges = IdRangePlanner.plan(NAME, why, documents, scope, estimate, targetDocuments);
      // an unsplittable collection can still be moved or sharded during the read: keep its snapshot to compare
      return metadata.state() == ShardingMetadata.State.UNSPLITTABLE
          ? new ReadPlan(NAME, ranges.reason(), ranges.partitions(), metadata) : ranges;
    }
    KeySplitter splitter = KeySplitter.fromDistribution(documents);
    List<ReadPartition> partitions = ChunkPartitioning.partitions(metadata, scope.filter(), estimate, targetDocuments,
        splitter);
    return new ReadPlan(NAME, reason(metadata, partitions, estimate, scope, targetDocuments), partitions, metadata);
  }

  /** See {@link ChunkPartitioning#reassign}: the partitions that read stale ranges again under their current owners. */
  public static List<ReadPartition> reassign(ShardingMetadata now, List<ReadPartition> stale, BsonDocument scopeFilter,
      int firstIndex) {
    return ChunkPartitioning.reassign(now, stale, scopeFilter, firstIndex);
  }

  private static String reason(ShardingMetadata metadata, List<ReadPartition> partitions, ScopeEstimate estimate,
      ReadScope scope, int targetDocuments) {
    return String.format("%s is sharded on %s: %d chunks on %d shard(s) planned as %d partitions of up to about %d "
        + "documents scanned (large chunks cut %s, adjacent small chunks of one shard merged); about %d of %d documents "
        + "in scope %s; mongos sends every partition's query to every shard (min/max do not target), so one "
        + "unreadable shard fails every partition; metadata %s",
        metadata.namespace(), metadata.shardKey().toJson(), metadata.chunks().size(),
        metadata.chunks().stream().map(ShardingMetadata.Chunk::shard).distinct().count(), partitions.size(),
        targetDocuments, metadata.hashed() ? "into equal hash ranges" : "at split points from the key's distribution",
        estimate.scopeDocuments(), estimate.collectionDocuments(), scope, metadata.version());
  }
}
