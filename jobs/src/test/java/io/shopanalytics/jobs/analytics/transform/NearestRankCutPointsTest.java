package io.shopanalytics.jobs.analytics.transform;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.testing.SparkTestBase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The distributed cut points equal the definition computed naively, whatever the partitioning. */
class NearestRankCutPointsTest extends SparkTestBase {
  private static final StructType SCHEMA = new StructType()
      .add("r", DataTypes.IntegerType).add("f", DataTypes.LongType).add("m", DataTypes.createDecimalType(38, 2));

  @Test
  void sevenValuesWithTies() {
    Dataset<Row> rows = rows(List.of(
        RowFactory.create(-3, 1L, new BigDecimal("20.00")), RowFactory.create(-3, 1L, new BigDecimal("20.00")),
        RowFactory.create(-1, 1L, new BigDecimal("40.00")), RowFactory.create(0, 2L, new BigDecimal("40.00")),
        RowFactory.create(0, 2L, new BigDecimal("50.00")), RowFactory.create(0, 3L, new BigDecimal("60.00")),
        RowFactory.create(0, 9L, new BigDecimal("70.00"))), 3);
    Map<String, BigDecimal[]> cuts = NearestRankCutPoints.of(rows, metrics());
    // ranks ceil(k * 7 / 5) = 2, 3, 5, 6
    assertThat(cuts.get("r")).containsExactly(new BigDecimal("-3.00"), new BigDecimal("-1.00"),
        new BigDecimal("0.00"), new BigDecimal("0.00"));
    assertThat(cuts.get("f")).containsExactly(new BigDecimal("1.00"), new BigDecimal("1.00"),
        new BigDecimal("2.00"), new BigDecimal("3.00"));
    assertThat(cuts.get("m")).containsExactly(new BigDecimal("20.00"), new BigDecimal("40.00"),
        new BigDecimal("50.00"), new BigDecimal("60.00"));
  }

  @Test
  void randomValuesOverManyPartitionsMatchTheDefinition() {
    Random random = new Random(3);
    for (int n : new int[] {1, 2, 4, 5, 6, 11, 250}) {
      List<Row> data = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        data.add(RowFactory.create(-random.nextInt(30), 1L + random.nextInt(4),
            BigDecimal.valueOf(random.nextInt(500), 1).setScale(2)));
      }
      assertMatchesTheDefinition(data, 1 + random.nextInt(6));
    }
  }

  /**
   * Values far apart, negative, past a long's hundredths and repeated, so that the wanted ranks fall
   * in wide buckets, in the buckets at both ends, and inside runs of one value.
   */
  @Test
  void widelySpreadValuesMatchTheDefinition() {
    Random random = new Random(7);
    for (int n : new int[] {3, 17, 400, 2000}) {
      List<Row> data = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        BigDecimal spread = switch (random.nextInt(5)) {
          case 0 -> BigDecimal.valueOf(random.nextLong(), 2);
          case 1 -> new BigDecimal(random.nextBoolean() ? "123456789012345678901234567.89" : "-98765432109876543210.01");
          case 2 -> new BigDecimal("1000000.00");
          default -> BigDecimal.valueOf(random.nextInt(2_000_000) - 500_000, 2);
        };
        data.add(RowFactory.create(-random.nextInt(3000), (long) random.nextInt(1_000_000), spread));
      }
      assertMatchesTheDefinition(data, 1 + random.nextInt(6));
    }
  }

  /** Nulls rank first, as in an ascending sort: ranks 1..4 of five values, two of them null. */
  @Test
  void nullsRankFirst() {
    Dataset<Row> rows = rows(List.of(RowFactory.create(1, 1L, null), RowFactory.create(2, 2L, null),
        RowFactory.create(3, 3L, new BigDecimal("3.00")), RowFactory.create(4, 4L, new BigDecimal("1.00")),
        RowFactory.create(5, 5L, new BigDecimal("2.00"))), 2);
    assertThat(NearestRankCutPoints.of(rows, metrics()).get("m"))
        .containsExactly(null, null, new BigDecimal("1.00"), new BigDecimal("2.00"));
  }

  @Test
  void noRowsNoCutPoints() {
    assertThat(NearestRankCutPoints.of(rows(List.of(), 2), metrics()).get("m")).isEmpty();
  }

  private static void assertMatchesTheDefinition(List<Row> data, int partitions) {
    int n = data.size();
    Map<String, BigDecimal[]> cuts = NearestRankCutPoints.of(rows(data, partitions), metrics());
    assertThat(cuts.get("r")).as("r, n=%d", n).containsExactly(naive(data, 0));
    assertThat(cuts.get("f")).as("f, n=%d", n).containsExactly(naive(data, 1));
    assertThat(cuts.get("m")).as("m, n=%d", n).containsExactly(naive(data, 2));
  }

  private static Map<String, Column> metrics() {
    Map<String, Column> metrics = new LinkedHashMap<>();
    metrics.put("r", col("r"));
    metrics.put("f", col("f"));
    metrics.put("m", col("m"));
    return metrics;
  }

  private static Dataset<Row> rows(List<Row> data, int partitions) {
    return spark.createDataFrame(data, SCHEMA).repartition(partitions);
  }

  /** q_k = the value at 1-based rank ceil(k n / 5) of the sorted values. */
  private static BigDecimal[] naive(List<Row> data, int column) {
    List<BigDecimal> values = new ArrayList<>();
    for (Row row : data) {
      Object value = row.get(column);
      values.add(value instanceof BigDecimal ? (BigDecimal) value : new BigDecimal(value.toString()).setScale(2));
    }
    values.sort(BigDecimal::compareTo);
    BigDecimal[] cuts = new BigDecimal[4];
    for (int k = 1; k <= 4; k++) {
      cuts[k - 1] = values.get((int) Math.ceil(k * values.size() / 5.0) - 1).setScale(2);
    }
    return cuts;
  }
}
