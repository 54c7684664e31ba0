package io.shopanalytics.jobs.analytics.transform;

import static org.apache.spark.sql.functions.col;

import io.shopanalytics.common.time.AsOf;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.PartitionPruningRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The three analytics, the rejects and the read's tally from validated orders in one pass and one
 * shuffle (docs/ARCHITECTURE.md, 6. Computing and writing): the read's tasks turn each order into
 * {@link Contribution}s as it streams by ({@link OrderContributions}); one shuffle brings each
 * product's month and each user to one task, which adds them up ({@link RouteAggregator}). The
 * shuffle has two {@link MergeSides sides}: the customers' (with the tally, the rejects and the
 * orders to mark) is merged and cached when the aggregation is materialized, the products' when an
 * output first asks for it, so that the customers' RFM scoring starts while the products are
 * still being merged. Every output is read from the two caches; what remains after them is small:
 * the customers' RFM scores and the months' sales rows.
 */
public final class AnalyticsAggregation implements AutoCloseable {
  private final SparkSession spark;
  private final AnalyticsScope scope;
  private final AsOf asOf;
  private final Broadcast<Catalogue> catalogue;
  private final MergeSides sides;
  private final Dataset<Row> routed;
  private final Map<MergeSides.Side, SideMerge> merges = new EnumMap<>(MergeSides.Side.class);
  private JavaRDD<Row> shuffled;
  private Dataset<Row> scoredCustomers;

  private AnalyticsAggregation(SparkSession spark, AnalyticsScope scope, AsOf asOf, Broadcast<Catalogue> catalogue,
      MergeSides sides, Dataset<Row> routed) {
    this.spark = spark;
    this.scope = scope;
    this.asOf = asOf;
    this.catalogue = catalogue;
    this.sides = sides;
    this.routed = routed;
    for (MergeSides.Side side : MergeSides.Side.values()) {
      merges.put(side, new SideMerge(side));
    }
  }

  /**
   * The aggregation, not run yet ({@link #materialize()} runs it).
   *
   * @param validated rows of {@code OrderSchema.VALIDATED}, rejects included: straight from the read
   *     in a run, so that the contributions are made as the orders stream by
   * @param products rows of {@code ReferenceSchemas.PRODUCT}, read now (they go to every task)
   * @param users rows of {@code ReferenceSchemas.USER}; null unless customer analytics are wanted
   * @param asOf the customers' as-of day, null unless they are wanted (the scope's own)
   */
  public static AnalyticsAggregation of(Dataset<Row> validated, Dataset<Row> products, Dataset<Row> users,
      AnalyticsScope scope, AsOf asOf) {
    SparkSession spark = validated.sparkSession();
    Broadcast<Catalogue> catalogue = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(Catalogue.of(products));
    Dataset<Row> contributions = validated.mapPartitions(new OrderContributions(catalogue, scope),
        Encoders.row(Contribution.SCHEMA));
    if (scope.customers() && users != null) {
      contributions = contributions.union(users.map(
          (MapFunction<Row, Row>) user -> Contribution.user(user.getString(0), user.getString(1)),
          Encoders.row(Contribution.SCHEMA)));
    }
    MergeSides sides = MergeSides.of(Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")));
    Dataset<Row> routed = contributions.repartition(sides.partitions(), sides.partitionKey());
    return new AnalyticsAggregation(spark, scope, asOf, catalogue, sides, routed);
  }

  /**
   * Runs the read and the customers' side of the merge, caches it, brings its small rows to the
   * driver and computes the customers' RFM cut points; the read is complete when this returns. The
   * cut points' two small jobs run here, on a cluster no output's tasks occupy yet, rather than
   * queue behind the products' merge.
   */
  public AnalyticsAggregation materialize() {
    merged(MergeSides.Side.CUSTOMERS);
    if (scope.customers()) {
      customerAnalytics();
    }
    return this;
  }

  private Merged merged(MergeSides.Side side) {
    return merges.get(side).get();
  }

  private synchronized JavaRDD<Row> shuffled() {
    if (shuffled == null) {
      // with adaptive execution on, this runs the shuffle's map stage, the read, here
      shuffled = routed.javaRDD();
    }
    return shuffled;
  }

  /** Orders read, sales and rejects by reason. */
  public ReadTally tally() {
    ReadTally tally = new ReadTally();
    for (Row row : merged(MergeSides.Side.CUSTOMERS).small()) {
      if (row.getByte(0) == Aggregates.TALLY) {
        tally.addAll(RowArrays.list(row, Aggregates.TALLY_FIELD));
      }
    }
    return tally;
  }

  /** {@code order_id} and {@code reject_reason} of every malformed order. */
  public Dataset<Row> rejects() {
    return kind(MergeSides.Side.CUSTOMERS, Aggregates.REJECT).select(col("reject.*"));
  }

  /** {@code order_id}, {@code updated_at} and {@code analytics_processed} (false) of every order not yet processed. */
  public Dataset<Row> unprocessed() {
    return kind(MergeSides.Side.CUSTOMERS, Aggregates.UNPROCESSED).select(col("unprocessed.*"));
  }

  public Dataset<Row> productAnalytics() {
    requireScope(scope.products(), "product");
    return kind(MergeSides.Side.PRODUCTS, Aggregates.PRODUCT).select(col("product.*"));
  }

  public Dataset<Row> salesAnalytics() {
    requireScope(scope.sales(), "sales");
    SalesRows sales = new SalesRows();
    List<Row> parts = new ArrayList<>(merged(MergeSides.Side.CUSTOMERS).small());
    parts.addAll(merged(MergeSides.Side.PRODUCTS).small());
    for (Row part : parts) {
      if (part.getByte(0) == Aggregates.SALES) {
        sales.addPartial(part.getStruct(Aggregates.SALES_FIELD));
      } else if (part.getByte(0) == Aggregates.TOP_PRODUCT) {
        sales.addTopProduct(part.getStruct(Aggregates.TOP_PRODUCT_FIELD));
      }
    }
    return spark.createDataFrame(sales.rows(), OutputSchemas.SALES);
  }

  /** Scores the customers (the RFM cut points take two small Spark jobs, once) into their stored rows. */
  public synchronized Dataset<Row> customerAnalytics() {
    requireScope(scope.customers(), "customer");
    if (scoredCustomers == null) {
      scoredCustomers = CustomerAnalyticsTransform.score(
          kind(MergeSides.Side.CUSTOMERS, Aggregates.CUSTOMER).select(col("customer.*")), asOf);
    }
    return scoredCustomers;
  }

  private Dataset<Row> kind(MergeSides.Side side, byte kind) {
    return merged(side).aggregates().where(col(Aggregates.KIND).equalTo(kind));
  }

  private static void requireScope(boolean inScope, String output) {
    if (!inScope) {
      throw new IllegalStateException("The aggregation was not asked for " + output + " analytics");
    }
  }

  @Override
  public void close() {
    merges.values().forEach(SideMerge::release);
    synchronized (this) {
      shuffled = null;
      scoredCustomers = null;
    }
    catalogue.destroy();
  }

  /**
   * One side's merge, run on first use; a caller that finds it running waits for it, outside Spark,
   * so that no task slot is held waiting (each side has its own lock: the customers' cache stays
   * readable while the products' is being merged).
   */
  private final class SideMerge {
    private final MergeSides.Side side;
    private Merged done;

    SideMerge(MergeSides.Side side) {
      this.side = side;
    }

    synchronized Merged get() {
      if (done == null) {
        JavaRDD<Row> ofSide = PartitionPruningRDD.create(shuffled().rdd(), sides.filter(side)).toJavaRDD()
            .mapPartitions(new RouteAggregator(catalogue, scope, side));
        // Spark SQL's columnar cache, not an RDD of rows: caching deserialized rows has Spark estimate
        // their size as they are stored, by walking the rows' objects, which took half the task time
        // of a merge (docs/PERFORMANCE.md, 1). Under adaptive execution one job fills the cache and a
        // second, over the cached batches, brings back the small rows.
        Dataset<Row> aggregates = spark.createDataFrame(ofSide, Aggregates.SCHEMA)
            .persist(StorageLevel.MEMORY_AND_DISK());
        List<Row> small = aggregates.where(Aggregates.small()).collectAsList();
        done = new Merged(aggregates, small);
      }
      return done;
    }

    synchronized void release() {
      if (done != null) {
        done.aggregates().unpersist(false);
        done = null;
      }
    }
  }

  /** A side's cached aggregates, and its tallies, months' partials and top products, kept on the driver. */
  private record Merged(Dataset<Row> aggregates, List<Row> small) {}
}
