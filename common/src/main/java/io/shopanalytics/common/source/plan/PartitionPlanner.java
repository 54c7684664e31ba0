package io.shopanalytics.common.source.plan;

import com.mongodb.client.MongoClient;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.source.ReadPlan;
import io.shopanalytics.common.source.ReadScope;

/** Splits one collection's scoped read into partitions. Runs on the driver. */
public interface PartitionPlanner {
  /** The strategy name as given to {@code --read-strategy}. */
  String name();

  /**
   * @param client a client on the read URI (through mongos on a sharded cluster)
   * @param collection the collection to read
   * @param scope the created_at scope (its filter goes into every partition)
   * @param targetDocuments desired documents per partition
   */
  ReadPlan plan(MongoClient client, MongoSettings settings, String collection, ReadScope scope, int targetDocuments);
}
