package io.shopanalytics.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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
  /**
   * Any retried operation on a collection of the database that gave up: the outage lands wherever the
   * run is when the first analytics document is seen, and the run's outputs are written concurrently,
   * so one output may be writing documents while another creates its indexes, sweeps, counts, checks
   * its lease or writes the segment history. Each says which, on which collection, after how many
   * attempts ("Creating the indexes of db.sales_analytics failed after 6 attempt(s)").
   */
  private static final java.util.function.Function<String, String> GAVE_UP =
      database -> "[A-Z][a-z]+ .*" + database + "\\.[a-z_]+ failed after \\d+ attempt\\(s\\)";

  @BeforeAll
  static void shareCluster(ClusterFixture shared) {
    fixture = shared;
  }

  /** Down until the run gives up: it fails, says why in one line, and the same command then repairs everything. */
  @Test
  void aServerDownForGoodFailsTheRunClearlyAndTheSameCommandThenWritesEverything() {
    String database = "server_down";
    SubmittedRun run = submitSeeded("server-down", database);
    int exitCode = withServerStoppedMidWrite(run, database, () -> run.awaitExit(ClusterFixture.RUN_TIMEOUT));

    assertThat(exitCode).as(run.describe()).isEqualTo(1);
    assertThat(errorLine(run)).as("the error line names the operation that gave up and the unreachable server")
        .containsPattern(GAVE_UP.apply(database))
        .contains(fixture.devServer().address())
        .contains("Connection refused");
    Map<String, Object> summary = run.summary();
    assertThat(summary.get("status")).isEqualTo("failed");
    assertThat((String) summary.get("error")).containsPattern(GAVE_UP.apply(database))
        .doesNotContain("\tat ");

    // the failed run could not release its leases while the server was down: this run waits for
    // them to run out (a lease's duration), well within its lock wait
    SubmittedRun again = fixture.submitToCluster("server-down-again", database, List.of());
    ClusterFixture.assertSucceeded(again);
    fixture.assertSameAnalyticsAsBaseline(database);
  }

  /** Back within seconds: the writer's retries (about a minute per batch) ride the outage out. */
  @Test
  void aServerBackWithinSecondsIsRiddenOutAndNothingIsLostOrDoubled() {
    String database = "server_restarted";
    SubmittedRun run = submitSeeded("server-restarted", database);
    withServerStoppedMidWrite(run, database, () -> null);

    ClusterFixture.assertSucceeded(run);
    assertThat(fixture.executorLogs()).as("a write met the outage and was retried")
        .containsPattern("Transient error writing \\d+ documents to " + database + "\\.");
    fixture.assertSameAnalyticsAsBaseline(database);
    fixture.assertSameCountsAsBaseline(run.summary());
  }

  private static SubmittedRun submitSeeded(String runName, String database) {
    fixture.seed(database);
    return fixture.submitToCluster(runName, database, List.of());
  }

  /**
   * Stops the dev server once the run has stored its first analytics document, does {@code whileDown},
   * and starts the server again (same port, same H2 file) whatever happened.
   */
  private static <T> T withServerStoppedMidWrite(SubmittedRun run, String database, Supplier<T> whileDown) {
    DevMongoScript server = fixture.devServer();
    try {
      WritePhase.awaitFirstDocument(run, fixture.database(database), ClusterFixture.RUN_TIMEOUT);
      server.stop();
      return whileDown.get();
    } finally {
      server.start();
    }
  }

  /** The run's one {@code ERROR: all failed:} line, which no stack trace follows. */
  private static String errorLine(SubmittedRun run) {
    List<String> stderr = run.stderr().lines().toList();
    int at = IntStream.range(0, stderr.size()).filter(i -> stderr.get(i).startsWith("ERROR: all failed: "))
        .findFirst().orElseThrow(() -> new AssertionError("no 'ERROR: all failed:' line in " + run.describe()));
    if (at + 1 < stderr.size()) {
      assertThat(stderr.get(at + 1)).as("the line after the ERROR line").doesNotStartWith("\tat ");
    }
    return stderr.get(at);
  }
}
