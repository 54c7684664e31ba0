package io.shopanalytics.common.source.plan;

import com.mongodb.client.MongoClient;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.config.SettingKeys;
import io.shopanalytics.common.source.ReadPlan;
import io.shopanalytics.common.source.ReadScope;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The {@code auto} strategy: estimates the share of the collection that the requested months
 * cover, then plans with {@code chunks} when it is large (every document is read anyway: follow
 * the shards) and {@code time-slices} when it is small (read only the scope through the
 * {@code created_at} index). The choice and its numbers are logged and lead the plan's reason.
 */
public final class AutoPlanner implements PartitionPlanner {
  public static final String NAME = "auto";
  private static final Logger LOG = LogManager.getLogger(AutoPlanner.class);

  private final double chunksMinFraction;
  private final EstimatedPlanner chunks = new ChunksPlanner();
  private final EstimatedPlanner timeSlices = new TimeSlicePlanner();

  /** @param chunksMinFraction see {@link SettingKeys#READ_AUTO_CHUNKS_MIN_FRACTION} */
  public AutoPlanner(double chunksMinFraction) {
    this.chunksMinFraction = chunksMinFraction;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ReadPlan plan(MongoClient client, MongoSettings settings, String collection, ReadScope scope, int targetDocuments) {
    ScopeEstimate estimate = ScopeEstimate.measure(client, settings, collection, scope);
    EstimatedPlanner chosen = choose(estimate);
    String why = String.format("auto chose %s: about %d of %d documents (%.1f%%) are in scope %s, %s the %s threshold "
        + "of %.1f%%", chosen.name(), estimate.scopeDocuments(), estimate.collectionDocuments(), 100 * estimate.fraction(),
        scope, chosen == chunks ? "at or above" : "below", SettingKeys.READ_AUTO_CHUNKS_MIN_FRACTION, 100 * chunksMinFraction);
    LOG.info(why);
    return chosen.plan(client, settings, collection, scope, targetDocuments, estimate).withReasonPrefix(why);
  }

  EstimatedPlanner choose(ScopeEstimate estimate) {
    return estimate.fraction() >= chunksMinFraction && estimate.collectionDocuments() > 0 ? chunks : timeSlices;
  }
}
