package io.shopanalytics.common.source.plan;

import com.mongodb.client.MongoClient;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.source.ReadPlan;
import io.shopanalytics.common.source.ReadScope;

/**
 * A planner that sizes its partitions from a {@link ScopeEstimate}: {@code auto} measures the scope
 * once to choose, and hands the same figures to the planner it chose instead of counting twice.
 */
interface EstimatedPlanner extends PartitionPlanner {
  ReadPlan plan(MongoClient client, MongoSettings settings, String collection, ReadScope scope, int targetDocuments,
      ScopeEstimate estimate);

  @Override
  default ReadPlan plan(MongoClient client, MongoSettings settings, String collection, ReadScope scope, int targetDocuments) {
    return plan(client, settings, collection, scope, targetDocuments,
        ScopeEstimate.measure(client, settings, collection, scope));
  }
}
