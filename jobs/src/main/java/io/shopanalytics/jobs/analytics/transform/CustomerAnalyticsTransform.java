package io.shopanalytics.jobs.analytics.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.shopanalytics.common.model.ReferenceSchemas;
import io.shopanalytics.common.time.AsOf;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code customer_analytics} rows from the customers' lifetime values and behaviour
 * ({@link OutputSchemas#CUSTOMER_VALUES}): RFM scores over all of them, then the segment
 * (docs/CONTRACT.md, 10 to 12).
 */
public final class CustomerAnalyticsTransform {
  /** The six customer segments of docs/CONTRACT.md. */
  public static final List<String> SEGMENTS = RfmScores.SEGMENTS;
  private static final String TOTAL_ORDERS = "total_orders";

  private CustomerAnalyticsTransform() {}

  static Dataset<Row> score(Dataset<Row> customers, AsOf asOf) {
    Dataset<Row> scored = RfmScores.score(customers, col("recency_value"), col(TOTAL_ORDERS), col("total_spent"));
    return scored.select(
        col("user_id"),
        col(ReferenceSchemas.USER_EMAIL),
        RfmScores.segment(col(TOTAL_ORDERS)).as("customer_segment"),
        lit(Timestamp.from(asOf.start())).as("as_of"),
        struct(col(TOTAL_ORDERS), col("total_spent"), col("average_order_value"), col("first_order_date"),
            col("last_order_date"), col("days_as_customer")).as("lifetime_metrics"),
        struct(col("favorite_categories"), col("preferred_payment_method"), col("average_items_per_order"),
            col("return_rate")).as("behavior"),
        struct(col(RfmScores.RECENCY), col(RfmScores.FREQUENCY), col(RfmScores.MONETARY), col(RfmScores.TOTAL))
            .as("rfm_score"));
  }
}
