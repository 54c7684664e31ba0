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
import java.util.stream.Collectors;
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

    // first pass: counts per bucket, and from them where each wanted rank lies
    List<TreeMap<Long, Long>> histograms = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      histograms.add(new TreeMap<>());
    }
    for (ValueCount counted : countPerTask(values, count, (metric, value) ->
        new BucketValue(metric, ValueBuckets.key(value), null))) {
      histograms.get(counted.value().metric()).merge(counted.value().key(), counted.count(), Long::sum);
    }
    List<RankPlace[]> places = histograms.stream().map(NearestRankCutPoints::places).toList();
    List<Set<Long>> wanted = places.stream()
        .map(ofMetric -> Arrays.stream(ofMetric).map(RankPlace::bucket).collect(Collectors.toUnmodifiableSet()))
        .toList();

    // second pass: the distinct values of the wanted buckets only
    List<Map<Long, TreeMap<BigDecimal, Long>>> candidates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      candidates.add(new HashMap<>());
    }
    if (wanted.stream().anyMatch(buckets -> !buckets.isEmpty())) {
      for (ValueCount counted : countPerTask(values, count, (metric, value) -> {
        long key = ValueBuckets.key(value);
        return wanted.get(metric).contains(key) ? new BucketValue(metric, key, value) : null;
      })) {
        BucketValue value = counted.value();
        candidates.get(value.metric()).computeIfAbsent(value.key(), key -> new TreeMap<>(NULLS_FIRST))
            .merge(value.value(), counted.count(), Long::sum);
      }
    }

    Map<String, BigDecimal[]> cuts = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      Map<Long, TreeMap<BigDecimal, Long>> ofMetric = candidates.get(i);
      cuts.put(names.get(i), Arrays.stream(places.get(i))
          .map(place -> valueAt(ofMetric.get(place.bucket()), place.place())).toArray(BigDecimal[]::new));
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

  /** The bucket of each wanted rank and the rank's place among that bucket's values; none without values. */
  private static RankPlace[] places(TreeMap<Long, Long> histogram) {
    long n = histogram.values().stream().mapToLong(Long::longValue).sum();
    if (n == 0) {
      return new RankPlace[0];
    }
    long[] ranks = ranks(n);
    RankPlace[] places = new RankPlace[ranks.length];
    int k = 0;
    long before = 0;
    for (Map.Entry<Long, Long> bucket : histogram.entrySet()) {
      long after = before + bucket.getValue();
      for (; k < ranks.length && ranks[k] <= after; k++) {
        places[k] = new RankPlace(bucket.getKey(), ranks[k] - before);
      }
      before = after;
    }
    return places;
  }

  /** What a row's value of a metric is counted as; null for values not counted. */
  @FunctionalInterface
  private interface Counted extends Serializable {
    BucketValue of(int metric, BigDecimal value);
  }

  /** One Spark job: each task counts its rows' values as {@code counted} says, and sends the counts. */
  private static List<ValueCount> countPerTask(JavaRDD<Row> values, int metrics, Counted counted) {
    FlatMapFunction<Iterator<Row>, ValueCount> countTask = rows -> {
      Map<BucketValue, Long> counts = new HashMap<>();
      rows.forEachRemaining(row -> {
        for (int i = 0; i < metrics; i++) {
          BucketValue value = counted.of(i, row.getDecimal(i));
          if (value != null) {
            counts.merge(value, 1L, Long::sum);
          }
        }
      });
      List<ValueCount> out = new ArrayList<>();
      counts.forEach((value, count) -> out.add(new ValueCount(value, count)));
      return out.iterator();
    };
    return values.mapPartitions(countTask).collect();
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

  private record RankPlace(long bucket, long place) {}

  /**
   * A metric's bucket, and one of its values (null in the first pass, which counts buckets only);
   * values of {@code decimal(38,2)} all have scale 2, so equality is numeric.
   */
  private record BucketValue(int metric, long key, BigDecimal value) implements Serializable {}

  private record ValueCount(BucketValue value, long count) implements Serializable {}
}
