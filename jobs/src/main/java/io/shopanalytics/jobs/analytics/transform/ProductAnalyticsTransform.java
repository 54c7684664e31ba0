package io.shopanalytics.jobs.analytics.transform;

import static io.shopanalytics.common.money.MoneyColumns.average;
import static io.shopanalytics.common.money.MoneyColumns.rounded;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.time.Period;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code product_analytics}: one row per (product, period) with at least one sale, in the stored
 * shape. Pure: sale lines in, rows out.
 */
public final class ProductAnalyticsTransform {
  public static final int TOP_CUSTOMERS = 10;
  private static final String ORDERS = "orders";
  private static final String SPENT = "total_spent";
  private static final String SPENT_EXACT = "spent_exact";
  /** The product's latest sale in the month: feeds products.analytics.last_sold_at. */
  public static final String LAST_SOLD_AT = "last_sold_at";

  private ProductAnalyticsTransform() {}

  public static Dataset<Row> transform(Dataset<Row> saleLines, List<Period> periods) {
    Column[] key = {col(SaleData.PRODUCT_ID), col(SaleData.PERIOD)};
    // At most one shuffle (none when the lines are cached in this layout): every aggregate and join
    // below is keyed by (product, period) or finer.
    Dataset<Row> lines = SaleData.byProductAndPeriod(saleLines.where(SaleData.inPeriods(periods)));
    // one row per product per order: an order with the product on two lines is one order
    Dataset<Row> productOrders = lines
        .groupBy(col(SaleData.PRODUCT_ID), col(SaleData.PERIOD), col(OrderSchema.ORDER_ID),
            col(OrderSchema.USER_ID), col(SaleData.DATE), col(OrderSchema.CREATED_AT))
        .agg(sum(SaleData.QUANTITY).as(SaleData.QUANTITY), sum(SaleData.REVENUE).as(SaleData.REVENUE));

    Dataset<Row> metrics = productOrders.groupBy(key)
        .agg(count(lit(1)).as("total_orders"),
            sum(SaleData.QUANTITY).as("total_quantity_sold"),
            sum(SaleData.REVENUE).as("revenue_exact"),
            countDistinct(col(OrderSchema.USER_ID)).as("unique_customers"),
            max(col(OrderSchema.CREATED_AT)).as(LAST_SOLD_AT));

    Dataset<Row> labels = SparkLists.agg(lines.groupBy(key),
            ProductLabels.aggregates())
        .select(col(SaleData.PRODUCT_ID), col(SaleData.PERIOD),
            ProductLabels.sku().as(ProductLabels.SKU), ProductLabels.name().as(ProductLabels.NAME));

    Dataset<Row> daily = productOrders
        .groupBy(col(SaleData.PRODUCT_ID), col(SaleData.PERIOD), col(SaleData.DATE))
        .agg(count(lit(1)).as(ORDERS), sum(SaleData.QUANTITY).as("quantity"),
            rounded(sum(SaleData.REVENUE)).as("revenue"))
        .groupBy(key)
        .agg(RankedArrays.sortedList(new Column[] {col(SaleData.DATE)}, SaleData.DATE, ORDERS, "quantity", "revenue")
            .as("daily"))
        .select(col(SaleData.PRODUCT_ID), col(SaleData.PERIOD),
            RankedArrays.project("daily", SaleData.DATE, ORDERS, "quantity", "revenue").as("daily_breakdown"));

    Dataset<Row> customers = productOrders
        .groupBy(col(SaleData.PRODUCT_ID), col(SaleData.PERIOD), col(OrderSchema.USER_ID))
        .agg(sum(SaleData.REVENUE).as(SPENT_EXACT), count(lit(1)).as("order_count"))
        .withColumn(SPENT, rounded(col(SPENT_EXACT)));
    Dataset<Row> topCustomers = RankedArrays.topN(customers, key,
            new Column[] {col(SPENT).desc(), col(OrderSchema.USER_ID).asc()}, TOP_CUSTOMERS, "rank")
        .groupBy(key)
        .agg(RankedArrays.sortedList(new Column[] {col("rank")}, OrderSchema.USER_ID, SPENT, "order_count")
            .as("top"))
        .select(col(SaleData.PRODUCT_ID), col(SaleData.PERIOD),
            RankedArrays.project("top", OrderSchema.USER_ID, SPENT, "order_count").as("top_customers"));

    String[] joinKey = {SaleData.PRODUCT_ID, SaleData.PERIOD};
    return metrics.join(labels, SparkLists.columns(joinKey))
        .join(daily, SparkLists.columns(joinKey))
        .join(topCustomers, SparkLists.columns(joinKey))
        .select(
            col(SaleData.PRODUCT_ID),
            col(SaleData.PERIOD),
            PeriodColumns.start().as(PeriodColumns.PERIOD_START),
            PeriodColumns.end().as(PeriodColumns.PERIOD_END),
            col(ProductLabels.SKU),
            col(ProductLabels.NAME),
            struct(
                col("total_orders"),
                col("total_quantity_sold"),
                rounded(col("revenue_exact")).as("total_revenue"),
                average(col("revenue_exact"), col("total_orders")).as("average_order_value"),
                col("unique_customers")).as("metrics"),
            col("daily_breakdown"),
            col("top_customers"),
            col(LAST_SOLD_AT));
  }
}
