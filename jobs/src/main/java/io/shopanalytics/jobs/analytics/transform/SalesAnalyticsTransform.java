package io.shopanalytics.jobs.analytics.transform;

import static io.shopanalytics.common.money.MoneyColumns.average;
import static io.shopanalytics.common.money.MoneyColumns.percentage;
import static io.shopanalytics.common.money.MoneyColumns.rounded;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.time.Period;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code sales_analytics}: one row per period with at least one sale, in the stored shape. Pure:
 * sale orders and sale lines in, rows out.
 */
public final class SalesAnalyticsTransform {
  public static final int TOP_PRODUCTS = 100;
  private static final String TOTAL_EXACT = "total_revenue_exact";
  private static final String EXACT = "revenue_exact";
  private static final String ORDERS = "orders";
  private static final String REVENUE = "revenue";
  private static final String PERCENTAGE = "percentage";

  private SalesAnalyticsTransform() {}

  public static Dataset<Row> transform(Dataset<Row> saleOrders, Dataset<Row> saleLines, List<Period> periods) {
    Dataset<Row> orders = saleOrders.where(SaleData.inPeriods(periods));
    Dataset<Row> lines = saleLines.where(SaleData.inPeriods(periods));

    Dataset<Row> totals = orders.groupBy(SaleData.PERIOD)
        .agg(count(lit(1)).as("total_orders"),
            sum(OrderSchema.ORDER_REVENUE).as(TOTAL_EXACT),
            countDistinct(col(OrderSchema.USER_ID)).as("total_customers"));

    Dataset<Row> byCategory = shares(
        lines.groupBy(SaleData.PERIOD, SaleData.CATEGORY)
            .agg(countDistinct(col(OrderSchema.ORDER_ID)).as(ORDERS), sum(SaleData.REVENUE).as(EXACT)),
        totals, SaleData.CATEGORY, "by_category");

    Dataset<Row> byPayment = shares(
        orders.groupBy(col(SaleData.PERIOD), col(OrderSchema.PAYMENT_METHOD).as("method"))
            .agg(count(lit(1)).as(ORDERS), sum(OrderSchema.ORDER_REVENUE).as(EXACT)),
        totals, "method", "by_payment_method");

    Column[] productKey = {col(SaleData.PERIOD), col(SaleData.PRODUCT_ID)};
    Dataset<Row> products = SparkLists.agg(lines.groupBy(productKey), SparkLists.concat(
            new Column[] {sum(SaleData.QUANTITY).as("quantity_sold"), rounded(sum(SaleData.REVENUE)).as(REVENUE)},
            ProductLabels.aggregates()))
        .withColumn(ProductLabels.SKU, ProductLabels.sku())
        .withColumn(ProductLabels.NAME, ProductLabels.name());
    Dataset<Row> topProducts = RankedArrays.topN(products, new Column[] {col(SaleData.PERIOD)},
            new Column[] {col(REVENUE).desc(), col(SaleData.PRODUCT_ID).asc()}, TOP_PRODUCTS, "rank")
        .groupBy(SaleData.PERIOD)
        .agg(RankedArrays.sortedList(new Column[] {col("rank")},
            SaleData.PRODUCT_ID, ProductLabels.SKU, ProductLabels.NAME, "quantity_sold", REVENUE).as("top"))
        .select(col(SaleData.PERIOD), RankedArrays.project("top",
            SaleData.PRODUCT_ID, ProductLabels.SKU, ProductLabels.NAME, "quantity_sold", REVENUE).as("top_products"));

    Dataset<Row> dailyTrend = orders.groupBy(SaleData.PERIOD, SaleData.DATE)
        .agg(count(lit(1)).as(ORDERS), rounded(sum(OrderSchema.ORDER_REVENUE)).as(REVENUE))
        .groupBy(SaleData.PERIOD)
        .agg(RankedArrays.sortedList(new Column[] {col(SaleData.DATE)}, SaleData.DATE, ORDERS, REVENUE).as("daily"))
        .select(col(SaleData.PERIOD), RankedArrays.project("daily", SaleData.DATE, ORDERS, REVENUE).as("daily_trend"));

    return totals
        .join(byCategory, SparkLists.columns(SaleData.PERIOD))
        .join(byPayment, SparkLists.columns(SaleData.PERIOD))
        .join(topProducts, SparkLists.columns(SaleData.PERIOD))
        .join(dailyTrend, SparkLists.columns(SaleData.PERIOD))
        .select(
            col(SaleData.PERIOD),
            PeriodColumns.start().as(PeriodColumns.PERIOD_START),
            PeriodColumns.end().as(PeriodColumns.PERIOD_END),
            struct(
                col("total_orders"),
                rounded(col(TOTAL_EXACT)).as("total_revenue"),
                col("total_customers"),
                average(col(TOTAL_EXACT), col("total_orders")).as("average_order_value")).as("totals"),
            col("by_category"),
            col("by_payment_method"),
            col("top_products"),
            col("daily_trend"));
  }

  /**
   * Per period, the breakdown by {@code nameColumn} with each entry's share of the period's
   * revenue (from exact amounts), sorted by rounded revenue descending, then name.
   */
  private static Dataset<Row> shares(Dataset<Row> breakdown, Dataset<Row> totals, String nameColumn, String output) {
    Dataset<Row> entries = breakdown.join(totals.select(SaleData.PERIOD, TOTAL_EXACT), SparkLists.columns(SaleData.PERIOD))
        .withColumn(REVENUE, rounded(col(EXACT)))
        .withColumn(PERCENTAGE, percentage(col(EXACT), col(TOTAL_EXACT)));
    return entries.groupBy(SaleData.PERIOD)
        .agg(RankedArrays.sortedList(new Column[] {negate(col(REVENUE)), col(nameColumn)},
            nameColumn, ORDERS, REVENUE, PERCENTAGE).as("sorted"))
        .select(col(SaleData.PERIOD), RankedArrays.project("sorted", nameColumn, ORDERS, REVENUE, PERCENTAGE).as(output));
  }
}
