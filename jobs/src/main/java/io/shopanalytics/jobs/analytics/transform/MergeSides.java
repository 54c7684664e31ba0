package io.shopanalytics.jobs.analytics.transform;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
import scala.runtime.AbstractFunction1;

/**
 * The merge's two sides: the shuffle's first partitions take the customers (their sales and emails,
 * with the tally, the rejects and the orders to mark), the others the products' months and the
 * month totals (docs/ARCHITECTURE.md, 6. Computing and writing). The customers' side is merged
 * first and alone, so that their RFM cut points and upserts, the longest chain after the read,
 * start while the products are still being merged.
 *
 * <p>Spark sends a row to partition {@code pmod(murmur3(partitionKey, 42), n)}; each partition's key
 * here is an integer found to hash to it, so the key says the partition. Correctness does not rest
 * on that: every contribution of one route still shares one partition, and each side's merge fails
 * on a contribution of the other side ({@link RouteAggregator}) rather than leave it out.
 */
final class MergeSides implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The seed of Spark's hash partitioning ({@code Murmur3Hash}'s default). */
  private static final int SPARK_HASH_SEED = 42;
  /** The kinds merged on the products' side; every other kind is the customers'. */
  private static final List<Byte> PRODUCT_KINDS = List.of(Contribution.PRODUCT_SALE, Contribution.SALES);

  enum Side { CUSTOMERS, PRODUCTS }

  private final int partitions;
  private final int customerPartitions;
  private final int[] keys;

  private MergeSides(int partitions) {
    this.partitions = partitions;
    this.customerPartitions = partitions / 2;
    this.keys = keysHashingToEachPartition(partitions);
  }

  /** @param shufflePartitions the session's shuffle partitions; at least two are used, one per side */
  static MergeSides of(int shufflePartitions) {
    return new MergeSides(Math.max(2, shufflePartitions));
  }

  int partitions() {
    return partitions;
  }

  static Side sideOf(byte kind) {
    return PRODUCT_KINDS.contains(kind) ? Side.PRODUCTS : Side.CUSTOMERS;
  }

  /** The key a contribution row is partitioned by: its route's partition on its kind's side. */
  Column partitionKey() {
    Column route = col(Contribution.ROUTE);
    Column productSide = col("kind").isin(PRODUCT_KINDS.toArray());
    Column customerPartition = pmod(route, lit(customerPartitions));
    Column productPartition = pmod(route, lit(partitions - customerPartitions)).plus(lit(customerPartitions));
    Column keyOfPartition = array(Arrays.stream(keys).mapToObj(key -> lit(key)).toArray(Column[]::new));
    return element_at(keyOfPartition, when(productSide, productPartition).otherwise(customerPartition).plus(lit(1)));
  }

  /** Whether a shuffle partition is the side's. */
  PartitionFilter filter(Side side) {
    return new PartitionFilter(side == Side.CUSTOMERS ? 0 : customerPartitions,
        side == Side.CUSTOMERS ? customerPartitions : partitions);
  }

  /** For each partition p, the smallest non-negative integer Spark's hash partitioning sends to p. */
  static int[] keysHashingToEachPartition(int partitions) {
    int[] keys = new int[partitions];
    Arrays.fill(keys, -1);
    int found = 0;
    for (int key = 0; found < partitions; key++) {
      int partition = Math.floorMod(Murmur3_x86_32.hashInt(key, SPARK_HASH_SEED), partitions);
      if (keys[partition] < 0) {
        keys[partition] = key;
        found++;
      }
    }
    return keys;
  }

  /** Partitions {@code from} (inclusive) to {@code to} (exclusive), as Spark's partition pruning takes them. */
  static final class PartitionFilter extends AbstractFunction1<Object, Object> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int from;
    private final int to;

    PartitionFilter(int from, int to) {
      this.from = from;
      this.to = to;
    }

    @Override
    public Object apply(Object partition) {
      int index = (Integer) partition;
      return index >= from && index < to;
    }
  }
}
