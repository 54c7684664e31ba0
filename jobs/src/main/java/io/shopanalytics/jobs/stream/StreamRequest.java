package io.shopanalytics.jobs.stream;

import io.shopanalytics.common.config.LeaseSettings;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.config.ReadSettings;
import io.shopanalytics.common.config.StreamSettings;
import io.shopanalytics.common.time.AsOf;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What the stream job is asked to do, fixed before it starts.
 *
 * @param checkpoint Spark's checkpoint folder of the query (a path or a Hadoop URI): its offsets and
 *     commits say where the stream resumes
 * @param fixedAsOf the as-of day of customer analytics, or null for yesterday (UTC), moving on with
 *     the calendar
 */
public record StreamRequest(MongoSettings mongo, ReadSettings read, LeaseSettings leases, StreamSettings stream,
    String checkpoint, AsOf fixedAsOf) {

  /** The as-of day at each moment the stream asks. */
  Supplier<AsOf> asOf(Clock clock) {
    return fixedAsOf != null ? () -> fixedAsOf : () -> AsOf.yesterday(clock);
  }
}
