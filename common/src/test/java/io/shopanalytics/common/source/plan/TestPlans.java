package io.shopanalytics.common.source.plan;

import io.shopanalytics.common.mongo.ShardingMetadata;
import io.shopanalytics.common.source.ReadPartition;
import java.util.List;
import org.bson.BsonDocument;

/** Chunk partitions of recorded hashed metadata, for tests outside this package. */
public final class TestPlans {
  private TestPlans() {}

  public static List<ReadPartition> partitions(ShardingMetadata metadata, long documents, int target) {
    return ChunkPartitioning.partitions(metadata, new BsonDocument(), new ScopeEstimate(documents, documents), target);
  }
}
