package io.shopanalytics.jobs.analytics.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.shopanalytics.common.model.OrderSchema;
import org.apache.spark.sql.Column;

/**
 * A product's {@code sku} and {@code name} in the outputs: the catalogue's current values; for a
 * product no longer in the catalogue, the item of its latest sale line in the scope (latest
 * {@code created_at}, then greatest order id, then the order's first line of the product), so that the choice does
 * not depend on the order rows arrive in.
 */
final class ProductLabels {
  static final String SKU = "sku";
  static final String NAME = "name";
  private static final String LATEST_ITEM = "latest_item";

  private ProductLabels() {}

  /** Aggregate expressions to add to a grouping of sale lines by product (and scope). */
  static Column[] aggregates() {
    return new Column[] {
      max(col(SaleData.PRODUCT_EXISTS)).as(SaleData.PRODUCT_EXISTS),
      first(col(SaleData.PRODUCT_SKU), true).as(SaleData.PRODUCT_SKU),
      first(col(SaleData.PRODUCT_NAME), true).as(SaleData.PRODUCT_NAME),
      max_by(struct(col(SaleData.ITEM_SKU).as(SKU), col(SaleData.ITEM_NAME).as(NAME)),
          struct(col(OrderSchema.CREATED_AT), col(OrderSchema.ORDER_ID), negate(col(SaleData.LINE_INDEX))))
          .as(LATEST_ITEM)
    };
  }

  static Column sku() {
    return when(col(SaleData.PRODUCT_EXISTS), col(SaleData.PRODUCT_SKU)).otherwise(col(LATEST_ITEM + "." + SKU));
  }

  static Column name() {
    return when(col(SaleData.PRODUCT_EXISTS), col(SaleData.PRODUCT_NAME)).otherwise(col(LATEST_ITEM + "." + NAME));
  }
}
