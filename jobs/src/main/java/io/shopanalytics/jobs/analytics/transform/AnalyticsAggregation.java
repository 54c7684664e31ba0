package io.shopanalytics.jobs.analytics.transform;

import static org.apache.spark.sql.functions.col;

import io.shopanalytics.common.time.AsOf;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The three analytics, the rejects and the read's tally from validated orders in one pass and one
 * shuffle (docs/ARCHITECTURE.md, 6. Computing and writing): the read's tasks turn each order into
 * {@link Contribution}s as it streams by ({@link OrderContributions}); one shuffle brings each
 * product's month and each user to one task, which adds them up ({@link RouteAggregator}); the
 * result, the run's aggregates, is cached, and every output is read from it. What remains after
 * the cache is small: the customers' RFM scores and the months' sales rows.
 */
public final class AnalyticsAggregation implements AutoCloseable {
  private final SparkSession spark;
  private final AnalyticsScope scope;
  private final AsOf asOf;
  private final Broadcast<Catalogue> catalogue;
  private final Dataset<Row> aggregates;
  /** The tally, the months' partials and top products: a few rows per task, kept on the driver. */
  private List<Row> small;

  private AnalyticsAggregation(SparkSession spark, AnalyticsScope scope, AsOf asOf, Broadcast<Catalogue> catalogue,
      Dataset<Row> aggregates) {
    this.spark = spark;
    this.scope = scope;
    this.asOf = asOf;
    this.catalogue = catalogue;
    this.aggregates = aggregates;
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
    Dataset<Row> aggregates = contributions.repartition(col(Contribution.ROUTE))
        .mapPartitions(new RouteAggregator(catalogue, scope), Encoders.row(Aggregates.SCHEMA));
    return new AnalyticsAggregation(spark, scope, asOf, catalogue, aggregates);
  }

  /**
   * Runs the read and the aggregation, caches the aggregates for the outputs, and brings the small
   * ones to the driver, in one Spark job.
   */
  public AnalyticsAggregation materialize() {
    aggregates.persist(StorageLevel.MEMORY_AND_DISK());
    small();
    return this;
  }

  private List<Row> small() {
    if (small == null) {
      small = aggregates.where(col(Aggregates.KIND).isin(Aggregates.TALLY, Aggregates.SALES, Aggregates.TOP_PRODUCT))
          .select(col(Aggregates.KIND), col("tally"), col("sales"), col("top_product")).collectAsList();
    }
    return small;
  }

  /** Orders read, sales and rejects by reason. */
  public ReadTally tally() {
    ReadTally tally = new ReadTally();
    for (Row row : small()) {
      if (row.getByte(0) == Aggregates.TALLY) {
        tally.addAll(RowArrays.list(row, 1));
      }
    }
    return tally;
  }

  /** {@code order_id} and {@code reject_reason} of every malformed order. */
  public Dataset<Row> rejects() {
    return kind(Aggregates.REJECT).select(col("reject.*"));
  }

  /** {@code order_id}, {@code updated_at} and {@code analytics_processed} (false) of every order not yet processed. */
  public Dataset<Row> unprocessed() {
    return kind(Aggregates.UNPROCESSED).select(col("unprocessed.*"));
  }

  public Dataset<Row> productAnalytics() {
    requireScope(scope.products(), "product");
    return kind(Aggregates.PRODUCT).select(col("product.*"));
  }

  public Dataset<Row> salesAnalytics() {
    requireScope(scope.sales(), "sales");
    SalesRows sales = new SalesRows();
    for (Row part : small()) {
      if (part.getByte(0) == Aggregates.SALES) {
        sales.addPartial(part.getStruct(2));
      } else if (part.getByte(0) == Aggregates.TOP_PRODUCT) {
        sales.addTopProduct(part.getStruct(3));
      }
    }
    return spark.createDataFrame(sales.rows(), OutputSchemas.SALES);
  }

  /** Scores the customers (the RFM cut points take a few small Spark jobs) into their stored rows. */
  public Dataset<Row> customerAnalytics() {
    requireScope(scope.customers(), "customer");
    return CustomerAnalyticsTransform.score(kind(Aggregates.CUSTOMER).select(col("customer.*")), asOf);
  }

  private Dataset<Row> kind(byte kind) {
    return aggregates.where(col(Aggregates.KIND).equalTo(kind));
  }

  private static void requireScope(boolean inScope, String output) {
    if (!inScope) {
      throw new IllegalStateException("The aggregation was not asked for " + output + " analytics");
    }
  }

  @Override
  public void close() {
    aggregates.unpersist();
    catalogue.destroy();
  }
}
