package io.shopanalytics.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;

/** The moment a run's write phase has begun: its first analytics document is stored, the run still runs. */
final class WritePhase {
  private WritePhase() {}

  static void awaitFirstDocument(SubmittedRun run, MongoDatabase database, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (ClusterFixture.ANALYTICS.stream().allMatch(name -> database.getCollection(name).find().first() == null)) {
      assertThat(run.alive()).as(run.describe() + " ended before writing any analytics document").isTrue();
      assertThat(Instant.now()).as("no analytics document within " + timeout).isBefore(deadline);
      Pause.briefly();
    }
    assertThat(run.alive()).as(run.describe() + " had already finished writing: no fault can land mid-write").isTrue();
  }
}
