package io.shopanalytics.jobs.analytics;

import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.analytics.transform.AnalyticsAggregation;
import io.shopanalytics.jobs.analytics.transform.AnalyticsScope;
import io.shopanalytics.jobs.analytics.transform.ReadTally;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The requested outputs of validated orders, without MongoDB, computed in one aggregation
 * ({@link AnalyticsAggregation}) with the read's tally and rejects. The suite feeds it the orders
 * straight from the read and writes its outputs; the benchmark's compute-only figure feeds it
 * cached validated orders and consumes the outputs without writing.
 */
public final class AnalyticsComputation implements AutoCloseable {
  private final AnalyticsAggregation aggregation;

  private AnalyticsComputation(AnalyticsAggregation aggregation) {
    this.aggregation = aggregation;
  }

  /**
   * All three outputs.
   *
   * @param validated rows of {@code OrderSchema.VALIDATED}, rejects included (they are filtered here)
   */
  public static AnalyticsComputation of(Dataset<Row> validated, Dataset<Row> products, Dataset<Row> users,
      List<Period> periods, AsOf asOf) {
    return of(validated, products, users, periods, asOf, EnumSet.allOf(AnalyticsOutput.class), false);
  }

  /**
   * @param users users with their emails; only customer analytics need them (may be null otherwise)
   * @param unprocessed whether the orders not yet processed are kept, for marking them afterwards
   */
  public static AnalyticsComputation of(Dataset<Row> validated, Dataset<Row> products, Dataset<Row> users,
      List<Period> periods, AsOf asOf, Set<AnalyticsOutput> outputs, boolean unprocessed) {
    boolean customers = outputs.contains(AnalyticsOutput.CUSTOMER);
    AnalyticsScope scope = AnalyticsScope.of(periods, customers ? asOf : null, outputs.contains(AnalyticsOutput.PRODUCT),
        outputs.contains(AnalyticsOutput.SALES), customers, unprocessed);
    return new AnalyticsComputation(AnalyticsAggregation.of(validated, products, users, scope, asOf));
  }

  /** Reads (when the orders come straight from the read), aggregates and caches; returns this computation. */
  public AnalyticsComputation materialize() {
    aggregation.materialize();
    return this;
  }

  /** Orders read, sale orders among them, rejects by reason. */
  public ReadTally tally() {
    return aggregation.tally();
  }

  /** {@code order_id} and {@code reject_reason} of the malformed orders. */
  public Dataset<Row> rejects() {
    return aggregation.rejects();
  }

  /** {@code order_id}, {@code updated_at}, {@code analytics_processed} of the orders not yet processed. */
  public Dataset<Row> unprocessed() {
    return aggregation.unprocessed();
  }

  /** The stored rows of one output collection. */
  public Dataset<Row> output(AnalyticsOutput output) {
    switch (output) {
      case PRODUCT:
        return aggregation.productAnalytics();
      case SALES:
        return aggregation.salesAnalytics();
      case CUSTOMER:
        return aggregation.customerAnalytics();
      default:
        throw new IllegalArgumentException("Unknown output " + output);
    }
  }

  /** Releases the cached aggregates. */
  @Override
  public void close() {
    aggregation.close();
  }
}
