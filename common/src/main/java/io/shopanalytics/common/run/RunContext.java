package io.shopanalytics.common.run;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One run's identity: its id (in rejects and the summary) and its time, truncated to the
 * millisecond that BSON dates keep, so that {@code updated_at} written equals the value compared.
 */
public record RunContext(String runId, Instant runTime) {
  /** The log4j2 ThreadContext key of the run id: conf/log4j2.properties prints it on every line. */
  public static final String LOG_KEY = "run_id";
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  public static RunContext start(Clock clock) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return new RunContext(ID_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8), now);
  }
}
