package io.shopanalytics.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dev server stopped (SIGTERM, as {@code submit/dev-mongo.sh stop}) in the middle of a cluster
 * run's write phase. Its H2 file keeps the orders and whatever was written before the stop.
 */
@Tag("cluster")
@ExtendWith(SharedCluster.class)
class DevServerOutageIT {
  private static ClusterFixture fixture;

  @BeforeAll
  static void shareCluster(ClusterFixture shared) {
    fixture = shared;
  }

  /** Down until the run gives up: it fails, says why in one line, and the same command then repairs everything. */
  @Test
  void aServerDownForGoodFailsTheRunClearlyAndTheSameCommandThenWritesEverything() {
    String database = "server_down";
    fixture.seed(database);
    SubmittedRun run = fixture.submitToCluster("server-down", database, List.of());
    DevMongoScript server = fixture.devServer();
    int exitCode;
    try {
      WritePhase.awaitFirstDocument(run, fixture.database(database), ClusterFixture.RUN_TIMEOUT);
      server.stop();
      exitCode = run.awaitExit(ClusterFixture.RUN_TIMEOUT);
    } finally {
      server.start(); // same port, same H2 file
    }

    assertThat(exitCode).as(run.describe()).isEqualTo(1);
    List<String> stderr = run.stderr().lines().toList();
    int errorLine = IntStream.range(0, stderr.size()).filter(i -> stderr.get(i).startsWith("ERROR: all failed: "))
        .findFirst().orElseThrow(() -> new AssertionError("no 'ERROR: all failed:' line in " + run.describe()));
    String error = stderr.get(errorLine);
    if (errorLine + 1 < stderr.size()) {
      assertThat(stderr.get(errorLine + 1)).as("the line after the ERROR line").doesNotStartWith("\tat ");
    }
    assertThat(error).as("the error line names the write and the unreachable server")
        .containsPattern("Writing \\d+ documents to " + database + "\\.(product|sales|customer)_analytics failed")
        .contains(server.address())
        .contains("Connection refused");
    Map<String, Object> summary = run.summary();
    assertThat(summary.get("status")).isEqualTo("failed");
    assertThat((String) summary.get("error")).containsPattern("Writing \\d+ documents to " + database)
        .doesNotContain("\tat ");

    SubmittedRun again = fixture.submitToCluster("server-down-again", database, List.of());
    ClusterFixture.assertSucceeded(again);
    fixture.assertSameAnalyticsAsBaseline(database);
  }

  /** Back within seconds: the writer's retries (about a minute per batch) ride the outage out. */
  @Test
  void aServerBackWithinSecondsIsRiddenOutAndNothingIsLostOrDoubled() {
    String database = "server_restarted";
    fixture.seed(database);
    SubmittedRun run = fixture.submitToCluster("server-restarted", database, List.of());
    DevMongoScript server = fixture.devServer();
    try {
      WritePhase.awaitFirstDocument(run, fixture.database(database), ClusterFixture.RUN_TIMEOUT);
      server.stop();
    } finally {
      server.start();
    }

    ClusterFixture.assertSucceeded(run);
    assertThat(fixture.executorLogs()).as("a write met the outage and was retried")
        .contains("Transient error writing to " + database + ".");
    fixture.assertSameAnalyticsAsBaseline(database);
    fixture.assertSameCountsAsBaseline(run.summary());
  }
}
