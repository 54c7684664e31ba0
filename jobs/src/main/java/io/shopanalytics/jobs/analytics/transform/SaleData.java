package io.shopanalytics.jobs.analytics.transform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;

import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.model.OrderStatus;
import io.shopanalytics.common.model.ReferenceSchemas;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.common.validate.OrderValidation;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The two views every transform starts from: sale orders (one row per order) and sale lines (one
 * row per item, exploded once), with UTC period and day, and each line's category resolved.
 */
public final class SaleData {
  public static final String PERIOD = "period";
  public static final String DATE = "date";
  public static final String LINE_INDEX = "line_index";
  public static final String PRODUCT_ID = OrderSchema.ITEM_PRODUCT_ID;
  public static final String QUANTITY = OrderSchema.ITEM_QUANTITY;
  public static final String REVENUE = OrderSchema.ITEM_REVENUE;
  public static final String CATEGORY = "category";
  public static final String ITEM_SKU = "item_sku";
  public static final String ITEM_NAME = "item_name";
  public static final String PRODUCT_SKU = "product_sku";
  public static final String PRODUCT_NAME = "product_name";
  public static final String PRODUCT_EXISTS = "product_exists";
  /** An item whose category is known neither from the item nor from the product. */
  public static final String UNKNOWN_CATEGORY = "unknown";

  private SaleData() {}

  /** Valid orders whose status makes them sales, with their UTC period and day. */
  public static Dataset<Row> saleOrders(Dataset<Row> validated) {
    return OrderValidation.valid(validated)
        .where(col(OrderSchema.STATUS).isin(OrderStatus.SALES.toArray()))
        .withColumn(PERIOD, date_format(col(OrderSchema.CREATED_AT), "yyyy-MM"))
        .withColumn(DATE, date_format(col(OrderSchema.CREATED_AT), "yyyy-MM-dd"));
  }

  /**
   * One row per line of a sale order. The category is the item's own (the category at sale time),
   * else the product's current one, else {@value #UNKNOWN_CATEGORY}; the product's current sku and
   * name ride along for the outputs' labels.
   */
  public static Dataset<Row> saleLines(Dataset<Row> saleOrders, Dataset<Row> products) {
    Dataset<Row> lines = saleOrders
        .select(col(OrderSchema.ORDER_ID), col(OrderSchema.USER_ID), col(OrderSchema.CREATED_AT),
            col(OrderSchema.STATUS), col(OrderSchema.PAYMENT_METHOD), col(PERIOD), col(DATE),
            posexplode(col(OrderSchema.ITEMS)).as(new String[] {LINE_INDEX, "item"}))
        .select(col(OrderSchema.ORDER_ID), col(OrderSchema.USER_ID), col(OrderSchema.CREATED_AT),
            col(OrderSchema.STATUS), col(OrderSchema.PAYMENT_METHOD), col(PERIOD), col(DATE), col(LINE_INDEX),
            col("item." + OrderSchema.ITEM_PRODUCT_ID).as(PRODUCT_ID),
            col("item." + OrderSchema.ITEM_QUANTITY).as(QUANTITY),
            col("item." + OrderSchema.ITEM_REVENUE).as(REVENUE),
            col("item." + OrderSchema.ITEM_CATEGORY).as("item_category"),
            col("item." + OrderSchema.ITEM_SKU).as(ITEM_SKU),
            col("item." + OrderSchema.ITEM_NAME).as(ITEM_NAME));
    Dataset<Row> labels = products.select(
        col(ReferenceSchemas.PRODUCT_ID).as("p_id"),
        col(ReferenceSchemas.PRODUCT_SKU).as(PRODUCT_SKU),
        col(ReferenceSchemas.PRODUCT_NAME).as(PRODUCT_NAME),
        col(ReferenceSchemas.PRODUCT_CATEGORY).as("product_category"),
        lit(true).as(PRODUCT_EXISTS));
    // products are the small side (a catalogue, not a log): broadcast instead of shuffling the lines
    return lines.join(broadcast(labels), lines.col(PRODUCT_ID).equalTo(labels.col("p_id")), "left")
        .withColumn(CATEGORY, coalesce(col("item_category"), col("product_category"), lit(UNKNOWN_CATEGORY)))
        .withColumn(PRODUCT_EXISTS, coalesce(col(PRODUCT_EXISTS), lit(false)))
        .drop("p_id", "item_category", "product_category");
  }

  /**
   * Sale lines hash-partitioned by (product, period): the layout product analytics aggregate in
   * (every one of its aggregates and joins is keyed by product and period, or finer), and that
   * sales analytics' per-product totals can use too. Spark drops a repartition whose input is
   * already partitioned this way, so applying it to lines cached in this layout costs nothing.
   */
  public static Dataset<Row> byProductAndPeriod(Dataset<Row> saleLines) {
    return saleLines.repartition(col(PRODUCT_ID), col(PERIOD));
  }

  /** Rows whose period is one of {@code periods}. */
  public static Column inPeriods(List<Period> periods) {
    return col(PERIOD).isin(periods.stream().map(Period::id).toArray());
  }

  /** Rows created on or before the as-of day. */
  public static Column upTo(AsOf asOf) {
    return col(OrderSchema.CREATED_AT).lt(lit(Timestamp.from(asOf.endExclusive())));
  }
}
