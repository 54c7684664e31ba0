package io.shopanalytics.common.source.plan;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.mongo.ConfigMetadataReader;
import io.shopanalytics.common.mongo.ShardingMetadata;
import io.shopanalytics.common.source.ReadPartition;
import io.shopanalytics.common.source.ReadPlan;
import io.shopanalytics.common.source.ReadScope;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.bson.BsonDocument;

/**
 * The {@code chunks} strategy: one partition per run of adjacent chunks of one shard (see
 * {@link ChunkPartitioning}), each read through mongos with the configured read preference.
 *
 * <p>Why these reads never see orphans, and stay correct while chunks move: a read through mongos
 * is versioned. mongos sends each shard the routing version it targeted with; the shard (primary,
 * or secondary since 3.6) filters out documents of ranges it does not own at that version, which
 * are the orphans a migration leaves behind or is still copying. If a chunk moved after planning,
 * the shard answers "stale config", mongos refreshes and sends the range to the shard that owns it
 * now. A partition is a key range, not an instruction to read shard X: only its locality (the
 * preferred hosts) and its attribution in the per-shard metrics go stale. Shards are never read
 * directly: that returns orphans, and MongoDB 8.0 refuses it without a special role.
 *
 * <p>An unsharded collection (or a dropped one) falls back to {@code _id} ranges, with the reason
 * logged and given in the plan.
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
    ShardingMetadata metadata = ConfigMetadataReader.read(client, namespace);
    if (metadata.state() != ShardingMetadata.State.SHARDED) {
      String why = namespace + (metadata.state() == ShardingMetadata.State.DROPPED
          ? " is marked dropped in config.collections" : " is not sharded (no config.collections entry)")
          + ": no chunks to follow, falling back to _id ranges";
      LOG.info("chunks: {}", why);
      MongoCollection<BsonDocument> documents = client.getDatabase(settings.database())
          .getCollection(collection, BsonDocument.class);
      return IdRangePlanner.plan(NAME, why, documents, scope, estimate, targetDocuments);
    }
    List<ReadPartition> partitions = ChunkPartitioning.partitions(metadata, scope.filter(), estimate, targetDocuments);
    return new ReadPlan(NAME, reason(metadata, partitions, estimate, scope, targetDocuments), partitions,
        metadata.version());
  }

  private static String reason(ShardingMetadata metadata, List<ReadPartition> partitions, ScopeEstimate estimate,
      ReadScope scope, int targetDocuments) {
    return String.format("%s is sharded on %s: %d chunks on %d shard(s) merged into %d partitions (adjacent chunks of "
        + "one shard up to %d documents scanned); about %d of %d documents in scope %s; metadata %s",
        metadata.namespace(), metadata.shardKey().toJson(), metadata.chunks().size(),
        metadata.chunks().stream().map(ShardingMetadata.Chunk::shard).distinct().count(), partitions.size(),
        targetDocuments, estimate.scopeDocuments(), estimate.collectionDocuments(), scope, metadata.version());
  }
}
