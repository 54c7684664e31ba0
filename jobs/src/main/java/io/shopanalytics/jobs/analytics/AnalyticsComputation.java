package io.shopanalytics.jobs.analytics;

import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.analytics.transform.CustomerAnalyticsTransform;
import io.shopanalytics.jobs.analytics.transform.ProductAnalyticsTransform;
import io.shopanalytics.jobs.analytics.transform.RunCache;
import io.shopanalytics.jobs.analytics.transform.SaleData;
import io.shopanalytics.jobs.analytics.transform.SalesAnalyticsTransform;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The three aggregates of validated orders, without MongoDB: sale orders and sale lines are
 * derived once (items exploded once, lines cached), and each output is a pure Dataset of stored
 * rows. The suite writes them; the benchmark's compute-only figure consumes them without writing.
 */
public final class AnalyticsComputation implements AutoCloseable {
  private final RunCache cache;
  private final Dataset<Row> saleOrders;
  private final Dataset<Row> saleLines;
  private final Dataset<Row> users;
  private final List<Period> periods;
  private final AsOf asOf;

  private AnalyticsComputation(RunCache cache, Dataset<Row> saleOrders, Dataset<Row> saleLines, Dataset<Row> users,
      List<Period> periods, AsOf asOf) {
    this.cache = cache;
    this.saleOrders = saleOrders;
    this.saleLines = saleLines;
    this.users = users;
    this.periods = List.copyOf(periods);
    this.asOf = asOf;
  }

  /**
   * @param validated rows of {@code OrderSchema.VALIDATED}, rejects included (they are filtered here)
   * @param users users with their emails; only customer analytics need them (may be null otherwise)
   */
  public static AnalyticsComputation of(Dataset<Row> validated, Dataset<Row> products, Dataset<Row> users,
      List<Period> periods, AsOf asOf) {
    RunCache cache = new RunCache();
    Dataset<Row> saleOrders = SaleData.saleOrders(validated);
    Dataset<Row> saleLines = cache.keep(SaleData.byProductAndPeriod(SaleData.saleLines(saleOrders, products)));
    return new AnalyticsComputation(cache, saleOrders, saleLines, users, periods, asOf);
  }

  public Dataset<Row> saleOrders() {
    return saleOrders;
  }

  /**
   * Fills the sale lines' cache and returns the number of sale orders. Run before the outputs: they
   * start concurrently, and each would otherwise explode the items itself or wait for another to.
   */
  public long materialize() {
    saleLines.count();
    return saleOrders.count();
  }

  /** The stored rows of one output collection. */
  public Dataset<Row> output(AnalyticsOutput output) {
    switch (output) {
      case PRODUCT:
        return ProductAnalyticsTransform.transform(saleLines, periods);
      case SALES:
        return SalesAnalyticsTransform.transform(saleOrders, saleLines, periods);
      case CUSTOMER:
        if (users == null) {
          throw new IllegalStateException("Customer analytics need the users");
        }
        // kept: the writer and the segment history both read the scored customers, and scoring
        // (the RFM cut points, then every row) would otherwise run twice
        return cache.keep(CustomerAnalyticsTransform.transform(saleOrders, saleLines, users, asOf, cache));
      default:
        throw new IllegalArgumentException("Unknown output " + output);
    }
  }

  /** Releases the sale lines and whatever else the outputs cached. */
  @Override
  public void close() {
    cache.close();
  }
}
