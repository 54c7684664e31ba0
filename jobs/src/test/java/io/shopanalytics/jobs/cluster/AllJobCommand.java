package io.shopanalytics.jobs.cluster;

import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.testdata.RandomShopData;
import java.util.ArrayList;
import java.util.List;

/**
 * The one command every run of these tests types, local baseline and cluster runs alike: only the
 * master (SPARK_MASTER), the database and, for watching a run, the driver's UI port differ.
 */
final class AllJobCommand {
  /** Many small read partitions and write batches: more tasks to lose, a longer write phase to interrupt. */
  static final int PARTITION_DOCS = 3_000;
  static final int WRITE_BATCH_SIZE = 100;

  private AllJobCommand() {}

  static List<String> forDatabase(String database) {
    return forDatabase(database, List.of());
  }

  /** @param extraConfs Spark properties that do not change what is computed (e.g. spark.ui.port) */
  static List<String> forDatabase(String database, List<String> extraConfs) {
    List<Period> periods = RandomShopData.PERIODS;
    List<String> arguments = new ArrayList<>();
    for (String conf : extraConfs) {
      arguments.add("--conf");
      arguments.add(conf);
    }
    arguments.addAll(List.of(
        "--conf", "spark.shopanalytics.write.batchSize=" + WRITE_BATCH_SIZE,
        "all",
        "--database", database,
        "--from", periods.get(0).id(),
        "--to", periods.get(periods.size() - 1).id(),
        "--as-of", RandomShopData.AS_OF.toString(),
        "--partition-docs", String.valueOf(PARTITION_DOCS)));
    return arguments;
  }
}
