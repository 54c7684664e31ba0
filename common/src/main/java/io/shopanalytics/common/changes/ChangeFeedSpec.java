package io.shopanalytics.common.changes;

import io.shopanalytics.common.config.MongoSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What a stream's source needs from the job that runs it, handed over in the driver's JVM (never
 * through Spark options, which would carry the connection string into plans and logs).
 *
 * @param maxChangesPerBatch the most changes one micro-batch holds
 * @param maxAwait how long one read of the change stream waits for new changes
 * @param idleAdvance how often a stream without changes moves its position on to the change
 *     stream's post-batch resume token
 * @param timerDue whether a batch is due even without changes (the customers' timer)
 * @param stopping whether the job is stopping: no new batch is started
 */
public record ChangeFeedSpec(MongoSettings settings, int maxChangesPerBatch, Duration maxAwait, Duration idleAdvance,
    BooleanSupplier timerDue, BooleanSupplier stopping, ChangeFeed.OpenListener listener, Clock clock) {

  public ChangeFeedSpec {
    if (maxChangesPerBatch < 1) {
      throw new IllegalArgumentException("A batch holds at least one change, got " + maxChangesPerBatch);
    }
  }
}
