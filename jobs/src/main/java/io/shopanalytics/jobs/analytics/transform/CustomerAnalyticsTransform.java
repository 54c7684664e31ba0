package io.shopanalytics.jobs.analytics.transform;

import static io.shopanalytics.common.money.MoneyColumns.average;
import static io.shopanalytics.common.money.MoneyColumns.ratio;
import static io.shopanalytics.common.money.MoneyColumns.rounded;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.model.OrderStatus;
import io.shopanalytics.common.model.ReferenceSchemas;
import io.shopanalytics.common.time.AsOf;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code customer_analytics}: one row per user with at least one sale up to the as-of day, with
 * RFM scores over all those users. Sale orders, sale lines and users in, rows out (the RFM cut
 * points take one small Spark job).
 */
public final class CustomerAnalyticsTransform {
  public static final int FAVORITE_CATEGORIES = 2;
  /** The six customer segments of docs/CONTRACT.md. */
  public static final List<String> SEGMENTS = RfmScores.SEGMENTS;
  private static final String SPENT_EXACT = "spent_exact";
  private static final String TOTAL_ORDERS = "total_orders";
  private static final String TOTAL_SPENT = "total_spent";
  private static final String FIRST = "first_order_date";
  private static final String LAST = "last_order_date";

  private CustomerAnalyticsTransform() {}

  public static Dataset<Row> transform(Dataset<Row> saleOrders, Dataset<Row> saleLines, Dataset<Row> users, AsOf asOf) {
    return transform(saleOrders, saleLines, users, asOf, null);
  }

  /**
   * @param cache where the per-customer rows are kept between the RFM cut points and the output
   *     (both read them); null to compute them twice
   */
  public static Dataset<Row> transform(Dataset<Row> saleOrders, Dataset<Row> saleLines, Dataset<Row> users, AsOf asOf,
      RunCache cache) {
    // Two shuffles, both by user: every aggregate and join below is keyed by the user (or finer),
    // so the orders and the lines hash-partitioned by user serve them all without another exchange.
    Dataset<Row> orders = saleOrders.where(SaleData.upTo(asOf)).repartition(col(OrderSchema.USER_ID));
    Dataset<Row> lines = saleLines.where(SaleData.upTo(asOf)).repartition(col(OrderSchema.USER_ID));

    Dataset<Row> lifetime = orders.groupBy(OrderSchema.USER_ID)
        .agg(count(lit(1)).as(TOTAL_ORDERS),
            sum(OrderSchema.ORDER_REVENUE).as(SPENT_EXACT),
            min(OrderSchema.CREATED_AT).as(FIRST),
            max(OrderSchema.CREATED_AT).as(LAST),
            sum(OrderSchema.ORDER_QUANTITY).as("items"),
            sum(when(col(OrderSchema.STATUS).equalTo(OrderStatus.RETURNED), 1L).otherwise(0L)).as("returned"))
        .withColumn(TOTAL_SPENT, rounded(col(SPENT_EXACT)));

    Dataset<Row> favorites = lines.groupBy(OrderSchema.USER_ID, SaleData.CATEGORY)
        .agg(rounded(sum(SaleData.REVENUE)).as("spent"))
        .groupBy(OrderSchema.USER_ID)
        .agg(RankedArrays.sortedList(new Column[] {negate(col("spent")), col(SaleData.CATEGORY)}, SaleData.CATEGORY)
            .as("ranked"))
        .select(col(OrderSchema.USER_ID),
            RankedArrays.firstN("transform(ranked, e -> e." + SaleData.CATEGORY + ")", FAVORITE_CATEGORIES)
                .as("favorite_categories"));

    Dataset<Row> payment = orders.groupBy(col(OrderSchema.USER_ID), col(OrderSchema.PAYMENT_METHOD).as("method"))
        .agg(count(lit(1)).as("orders"), rounded(sum(OrderSchema.ORDER_REVENUE)).as("revenue"))
        .groupBy(OrderSchema.USER_ID)
        .agg(RankedArrays.sortedList(new Column[] {negate(col("orders")), negate(col("revenue")), col("method")}, "method")
            .as("ranked"))
        .select(col(OrderSchema.USER_ID), element_at(col("ranked"), 1).getField("method").as("preferred_payment_method"));

    Dataset<Row> emails = users.select(col(ReferenceSchemas.USER_ID).as(OrderSchema.USER_ID), col(ReferenceSchemas.USER_EMAIL));

    Column recencyValue = negate(datediff(lit(Date.valueOf(asOf.date())), to_date(col(LAST))));
    Dataset<Row> customers = lifetime
        .join(favorites, SparkLists.columns(OrderSchema.USER_ID))
        .join(payment, SparkLists.columns(OrderSchema.USER_ID))
        .join(emails, SparkLists.columns(OrderSchema.USER_ID), "left");
    if (cache != null) {
      customers = cache.keep(customers);
    }
    Dataset<Row> scored = RfmScores.score(customers, recencyValue, col(TOTAL_ORDERS), col(TOTAL_SPENT));

    return scored.select(
        col(OrderSchema.USER_ID),
        col(ReferenceSchemas.USER_EMAIL),
        RfmScores.segment(col(TOTAL_ORDERS)).as("customer_segment"),
        lit(Timestamp.from(asOf.start())).as("as_of"),
        struct(
            col(TOTAL_ORDERS),
            col(TOTAL_SPENT),
            average(col(SPENT_EXACT), col(TOTAL_ORDERS)).as("average_order_value"),
            col(FIRST),
            col(LAST),
            datediff(to_date(col(LAST)), to_date(col(FIRST))).cast(DataTypes.IntegerType).as("days_as_customer"))
            .as("lifetime_metrics"),
        struct(
            col("favorite_categories"),
            col("preferred_payment_method"),
            ratio(col("items"), col(TOTAL_ORDERS)).as("average_items_per_order"),
            ratio(col("returned"), col(TOTAL_ORDERS)).as("return_rate")).as("behavior"),
        struct(col(RfmScores.RECENCY), col(RfmScores.FREQUENCY), col(RfmScores.MONETARY), col(RfmScores.TOTAL))
            .as("rfm_score"));
  }
}
