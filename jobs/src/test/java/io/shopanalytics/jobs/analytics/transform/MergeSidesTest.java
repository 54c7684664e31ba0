package io.shopanalytics.jobs.analytics.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopanalytics.common.testing.LocalSpark;
import io.shopanalytics.common.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MergeSidesTest {
  private static final SparkSession spark = LocalSpark.session();

  /** Spark's own hash partitioning sends each partition's key to that partition. */
  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 8, 64, 200})
  void eachKeyLandsInItsPartition(int partitions) {
    int[] keys = MergeSides.keysHashingToEachPartition(partitions);
    List<Row> rows = IntStream.of(keys).mapToObj(key -> RowFactory.create(key)).toList();
    Dataset<Row> keyed = spark.createDataFrame(rows, new StructType().add("key", DataTypes.IntegerType, false));
    Map<Integer, Integer> partitionOfKey = new TreeMap<>();
    keyed.repartition(partitions, col("key")).select(col("key"), spark_partition_id()).collectAsList()
        .forEach(row -> partitionOfKey.put(row.getInt(0), row.getInt(1)));
    for (int partition = 0; partition < partitions; partition++) {
      assertThat(partitionOfKey.get(keys[partition])).as("key %d", keys[partition]).isEqualTo(partition);
    }
  }

  /** The customers' kinds on the first half of the partitions, the products' on the rest. */
  @Test
  void contributionsGoToTheirSidesPartitions() {
    MergeSides sides = MergeSides.of(8);
    List<Row> contributions = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String id = InMemoryShop.id(i);
      contributions.add(Contribution.user(id, id + "@example.com"));
      contributions.add(Contribution.reject(id, "missing_user_id"));
      contributions.add(Contribution.sales("2024-" + (1 + i % 12), new Object[0]));
      contributions.add(Contribution.productSale(id, "2024-11", 20_000, id, 0, 1, 1, null, null));
    }
    contributions.add(Contribution.tally(new Object[0]));
    Dataset<Row> routed = spark.createDataFrame(contributions, Contribution.SCHEMA)
        .repartition(sides.partitions(), sides.partitionKey());
    Map<Byte, List<Integer>> partitionsOfKind = new TreeMap<>();
    routed.select(col("kind"), spark_partition_id()).distinct().collectAsList().forEach(row ->
        partitionsOfKind.computeIfAbsent(row.getByte(0), kind -> new ArrayList<>()).add(row.getInt(1)));
    partitionsOfKind.forEach((kind, partitions) -> {
      boolean customers = MergeSides.sideOf(kind) == MergeSides.Side.CUSTOMERS;
      assertThat(partitions).as("kind %d", kind).allMatch(p -> customers ? p < 4 : p >= 4 && p < 8);
    });
    assertThat(partitionsOfKind.get(Contribution.USER)).hasSize(4);
    assertThat(partitionsOfKind.get(Contribution.PRODUCT_SALE)).hasSize(4);
    assertThat(partitionsOfKind.get(Contribution.TALLY)).hasSize(1);
  }

  @Test
  void onePartitionStillMakesTwoSides() {
    assertThat(MergeSides.of(1).partitions()).isEqualTo(2);
    assertThat(MergeSides.of(1).filter(MergeSides.Side.CUSTOMERS).apply(0)).isEqualTo(true);
    assertThat(MergeSides.of(1).filter(MergeSides.Side.CUSTOMERS).apply(1)).isEqualTo(false);
    assertThat(MergeSides.of(1).filter(MergeSides.Side.PRODUCTS).apply(1)).isEqualTo(true);
  }

  /** A contribution of the other side fails the merge instead of being left out of it. */
  @Test
  void aMergeRefusesTheOtherSidesContributions() {
    AnalyticsScope scope = AnalyticsScope.of(List.of(Period.parse("2024-11")), null, true, true, false, false);
    Dataset<Row> noProducts = spark.createDataFrame(List.of(), io.shopanalytics.common.model.ReferenceSchemas.PRODUCT);
    RouteAggregator products = new RouteAggregator(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(Catalogue.of(noProducts)), scope,
        MergeSides.Side.PRODUCTS);
    Row user = Contribution.user(InMemoryShop.id(1), "one@example.com");
    assertThatThrownBy(() -> products.call(List.of(user).iterator()).hasNext())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reached the merge of the PRODUCTS");
  }
}
