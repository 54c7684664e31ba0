package io.shopanalytics.jobs.analytics.transform;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Nearest-rank quintile cut points (docs/CONTRACT.md RFM): for each metric over n rows, {@code q_k} is
 * the value at 1-based rank {@code ceil(k × n / 5)} in ascending order, k = 1..4.
 *
 * <p>Exact, in two passes over the rows and without a shuffle or a sort: the first counts each
 * metric's values per {@link ValueBuckets bucket} (a few thousand buckets however many rows), which
 * tells the driver the bucket holding each wanted rank and the rank's place inside it; the second
 * brings back the distinct values of those buckets only, with their counts, and the driver reads the
 * ranked value off them. No row reaches the driver, and nulls rank first, as in an ascending sort.
 */
final class NearestRankCutPoints {
  static final int QUANTILES = 4;
  private static final DecimalType VALUE = DataTypes.createDecimalType(38, 2);

  private NearestRankCutPoints() {}

  /** The cut points q1..q4 of each named metric; empty arrays when there are no rows. */
  static Map<String, BigDecimal[]> of(Dataset<Row> rows, Map<String, Column> metrics) {
    List<String> names = new ArrayList<>(metrics.keySet());
    JavaRDD<Row> values = rows.select(names.stream().map(name -> metrics.get(name).cast(VALUE).as(name))
        .toArray(Column[]::new)).javaRDD();
    int count = names.size();

    List<TreeMap<Long, Long>> histograms = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      histograms.add(new TreeMap<>());
    }
    for (BucketCount bucket : values.mapPartitions(bucketCounts(count)).collect()) {
      histograms.get(bucket.metric).merge(bucket.key, bucket.count, Long::sum);
    }

    // per metric, the bucket of each wanted rank and the rank's place among that bucket's values
    List<long[]> bucketOfRank = new ArrayList<>();
    List<long[]> placeInBucket = new ArrayList<>();
    List<Set<Long>> wanted = new ArrayList<>();
    for (TreeMap<Long, Long> histogram : histograms) {
      long n = histogram.values().stream().mapToLong(Long::longValue).sum();
      long[] ranks = n == 0 ? new long[0] : ranks(n);
      long[] buckets = new long[ranks.length];
      long[] places = new long[ranks.length];
      for (int k = 0; k < ranks.length; k++) {
        long before = 0;
        for (Map.Entry<Long, Long> bucket : histogram.entrySet()) {
          if (before + bucket.getValue() >= ranks[k]) {
            buckets[k] = bucket.getKey();
            places[k] = ranks[k] - before;
            break;
          }
          before += bucket.getValue();
        }
      }
      bucketOfRank.add(buckets);
      placeInBucket.add(places);
      wanted.add(Set.copyOf(Arrays.stream(buckets).boxed().toList()));
    }

    Map<Long, TreeMap<BigDecimal, Long>>[] candidates = candidates(values, wanted);
    Map<String, BigDecimal[]> cuts = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      long[] buckets = bucketOfRank.get(i);
      BigDecimal[] metricCuts = new BigDecimal[buckets.length];
      for (int k = 0; k < buckets.length; k++) {
        metricCuts[k] = valueAt(candidates[i].get(buckets[k]), placeInBucket.get(i)[k]);
      }
      cuts.put(names.get(i), metricCuts);
    }
    return cuts;
  }

  /** The 1-based ranks ceil(k × n / 5), k = 1..4. */
  static long[] ranks(long n) {
    long[] ranks = new long[QUANTILES];
    for (int k = 1; k <= QUANTILES; k++) {
      ranks[k - 1] = (k * n + 4) / 5;
    }
    return ranks;
  }

  private static FlatMapFunction<Iterator<Row>, BucketCount> bucketCounts(int metrics) {
    return rows -> {
      List<Map<Long, Long>> counts = new ArrayList<>();
      for (int i = 0; i < metrics; i++) {
        counts.add(new HashMap<>());
      }
      rows.forEachRemaining(row -> {
        for (int i = 0; i < metrics; i++) {
          counts.get(i).merge(ValueBuckets.key(row.getDecimal(i)), 1L, Long::sum);
        }
      });
      List<BucketCount> out = new ArrayList<>();
      for (int i = 0; i < metrics; i++) {
        int metric = i;
        counts.get(i).forEach((key, count) -> out.add(new BucketCount(metric, key, count)));
      }
      return out.iterator();
    };
  }

  /** Per metric and wanted bucket, its distinct values (null included) with their counts. */
  @SuppressWarnings("unchecked")
  private static Map<Long, TreeMap<BigDecimal, Long>>[] candidates(JavaRDD<Row> values, List<Set<Long>> wanted) {
    int metrics = wanted.size();
    FlatMapFunction<Iterator<Row>, ValueCount> inWantedBuckets = rows -> {
      Map<BucketValue, Long> counts = new HashMap<>();
      rows.forEachRemaining(row -> {
        for (int i = 0; i < metrics; i++) {
          BigDecimal value = row.getDecimal(i);
          long key = ValueBuckets.key(value);
          if (wanted.get(i).contains(key)) {
            counts.merge(new BucketValue(i, key, value), 1L, Long::sum);
          }
        }
      });
      List<ValueCount> out = new ArrayList<>();
      counts.forEach((value, count) -> out.add(new ValueCount(value, count)));
      return out.iterator();
    };
    Map<Long, TreeMap<BigDecimal, Long>>[] byMetric = new Map[metrics];
    for (int i = 0; i < metrics; i++) {
      byMetric[i] = new HashMap<>();
    }
    boolean anyWanted = wanted.stream().anyMatch(buckets -> !buckets.isEmpty());
    if (anyWanted) {
      for (ValueCount counted : values.mapPartitions(inWantedBuckets).collect()) {
        BucketValue value = counted.value();
        byMetric[value.metric()].computeIfAbsent(value.key(), key -> new TreeMap<>(NULLS_FIRST))
            .merge(value.value(), counted.count(), Long::sum);
      }
    }
    return byMetric;
  }

  private static final Comparator<BigDecimal> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

  /** The value at 1-based {@code place} of the bucket's values in ascending order. */
  private static BigDecimal valueAt(TreeMap<BigDecimal, Long> bucket, long place) {
    long seen = 0;
    for (Map.Entry<BigDecimal, Long> value : bucket.entrySet()) {
      seen += value.getValue();
      if (seen >= place) {
        return value.getKey();
      }
    }
    throw new IllegalStateException("A bucket holds fewer values than its count said");
  }

  private record BucketCount(int metric, long key, long count) implements Serializable {}

  /** A value of a metric's wanted bucket (values of {@code decimal(38,2)} all have scale 2, so equality is numeric). */
  private record BucketValue(int metric, long key, BigDecimal value) implements Serializable {}

  private record ValueCount(BucketValue value, long count) implements Serializable {}
}
