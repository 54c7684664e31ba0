package io.shopanalytics.jobs.analytics.transform;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.storage.StorageLevel;

/**
 * Nearest-rank quintile cut points (docs/CONTRACT.md RFM): for each metric over n rows, {@code q_k} is
 * the value at 1-based rank {@code ceil(k × n / 5)} in ascending order, k = 1..4.
 *
 * <p>Computed without bringing the rows to one place: values are reduced to (value, how many),
 * range-sorted across partitions, each partition's count per metric is collected (a handful of
 * numbers), and then each partition finds the ranks that fall inside it. Only the 4 cut values
 * per metric reach the driver.
 */
final class NearestRankCutPoints {
  static final int QUANTILES = 4;
  private static final DecimalType VALUE = DataTypes.createDecimalType(38, 2);

  private NearestRankCutPoints() {}

  /** The cut points q1..q4 of each named metric; empty arrays when there are no rows. */
  static Map<String, BigDecimal[]> of(Dataset<Row> rows, Map<String, Column> metrics) {
    List<Column> entries = new ArrayList<>();
    metrics.forEach((name, value) -> entries.add(struct(lit(name).as("metric"), value.cast(VALUE).as("value"))));
    Dataset<Row> sorted = rows.select(explode(array(entries.toArray(new Column[0]))).as("e"))
        .groupBy(col("e.metric").as("metric"), col("e.value").as("value"))
        .count()
        .orderBy("metric", "value")
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      JavaRDD<Row> partitions = sorted.javaRDD();
      List<long[]> countsPerPartition = new ArrayList<>();
      List<String> names = new ArrayList<>(metrics.keySet());
      Function2<Integer, Iterator<Row>, Iterator<PartitionCount>> countPartition = (index, it) -> {
        Map<String, Long> counts = new HashMap<>();
        it.forEachRemaining(r -> counts.merge(r.getString(0), r.getLong(2), Long::sum));
        List<PartitionCount> out = new ArrayList<>();
        counts.forEach((metric, count) -> out.add(new PartitionCount(index, metric, count)));
        return out.iterator();
      };
      List<PartitionCount> counts = new ArrayList<>(partitions.mapPartitionsWithIndex(countPartition, false).collect());
      Map<String, Long> totals = new HashMap<>();
      counts.forEach(c -> totals.merge(c.metric, c.count, Long::sum));

      // rows of the metric in the partitions before each partition (only read where the metric has rows)
      int partitionCount = partitions.getNumPartitions();
      Map<String, long[]> offsets = new HashMap<>();
      for (String name : names) {
        offsets.put(name, new long[partitionCount]);
      }
      counts.sort((a, b) -> Integer.compare(a.partition, b.partition));
      Map<String, Long> running = new HashMap<>();
      for (PartitionCount c : counts) {
        offsets.get(c.metric)[c.partition] = running.getOrDefault(c.metric, 0L);
        running.merge(c.metric, c.count, Long::sum);
      }

      Map<String, long[]> targets = new HashMap<>();
      totals.forEach((metric, n) -> targets.put(metric, ranks(n)));
      Function2<Integer, Iterator<Row>, Iterator<CutValue>> findCuts = (index, it) -> {
        Map<String, Long> seen = new HashMap<>();
        List<CutValue> found = new ArrayList<>();
        while (it.hasNext()) {
          Row r = it.next();
          String metric = r.getString(0);
          long before = seen.getOrDefault(metric, offsets.get(metric)[index]);
          long after = before + r.getLong(2);
          long[] wanted = targets.get(metric);
          for (int k = 0; k < wanted.length; k++) {
            if (before < wanted[k] && wanted[k] <= after) {
              found.add(new CutValue(metric, k, r.getDecimal(1)));
            }
          }
          seen.put(metric, after);
        }
        return found.iterator();
      };
      Map<String, BigDecimal[]> cuts = new LinkedHashMap<>();
      for (String name : names) {
        cuts.put(name, totals.containsKey(name) ? new BigDecimal[QUANTILES] : new BigDecimal[0]);
      }
      for (CutValue cut : partitions.mapPartitionsWithIndex(findCuts, false).collect()) {
        cuts.get(cut.metric)[cut.k] = cut.value;
      }
      return cuts;
    } finally {
      sorted.unpersist();
    }
  }

  /** The 1-based ranks ceil(k × n / 5), k = 1..4. */
  static long[] ranks(long n) {
    long[] ranks = new long[QUANTILES];
    for (int k = 1; k <= QUANTILES; k++) {
      ranks[k - 1] = (k * n + 4) / 5;
    }
    return ranks;
  }

  private record PartitionCount(int partition, String metric, long count) implements Serializable {}

  private record CutValue(String metric, int k, BigDecimal value) implements Serializable {}
}
