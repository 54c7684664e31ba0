package io.shopanalytics.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code all} on a Spark standalone cluster on 127.0.0.1 (one Master, two Workers, executors in JVMs
 * of their own, started by {@code submit/local-cluster.sh}), submitted in client mode through
 * {@code submit/spark-submit.sh} against the dev server, writes exactly what a {@code local[*]} run
 * of the same command wrote. A cluster catches what local mode hides: closures that do not
 * serialize, state kept on the driver, files read from the driver's disk.
 */
@Tag("cluster")
@ExtendWith(SharedCluster.class)
class ClusterRunIT {
  private static ClusterFixture fixture;

  @BeforeAll
  static void shareCluster(ClusterFixture shared) {
    fixture = shared;
  }

  @Test
  void aClusterRunWritesWhatTheLocalRunWrote() {
    fixture.seed("cluster_run");
    SubmittedRun run = fixture.submitToCluster("cluster-run", "cluster_run", List.of());

    ClusterFixture.assertSucceeded(run);
    fixture.assertSameAnalyticsAsBaseline("cluster_run");
    fixture.assertSameCountsAsBaseline(run.summary());
  }

  @Test
  void anExecutorKilledAfterTheFirstStageLosesNothingAndDoublesNothing() {
    fixture.seed("executor_killed");
    int uiPort = FreePort.find();
    SubmittedRun run = fixture.submitToCluster("executor-killed", "executor_killed", List.of("spark.ui.port=" + uiPort));

    KilledExecutor killed = KilledExecutor.afterFirstStage(run, new DriverUi(uiPort), ClusterFixture.RUN_TIMEOUT);
    System.out.println("executor-killed: " + killed);

    ClusterFixture.assertSucceeded(run);
    // the driver saw the loss and ran again what had run there (Spark's task retry)
    assertThat(run.stderr()).contains("Lost executor " + killed.executorId() + " on 127.0.0.1");
    fixture.assertSameAnalyticsAsBaseline("executor_killed");
    fixture.assertSameCountsAsBaseline(run.summary());
  }
}
