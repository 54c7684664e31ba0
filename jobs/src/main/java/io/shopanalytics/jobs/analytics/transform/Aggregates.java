package io.shopanalytics.jobs.analytics.transform;

import java.sql.Timestamp;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the tasks that add up the contributions hand on, the run's aggregates, in one shape: each
 * row holds one of the structs below, named by its kind. They are cached once and every output,
 * the rejects and the tally are read from them.
 */
final class Aggregates {
  static final byte PRODUCT = 1;
  static final byte CUSTOMER = 2;
  static final byte SALES = 3;
  static final byte TOP_PRODUCT = 4;
  static final byte REJECT = 5;
  static final byte UNPROCESSED = 6;
  static final byte TALLY = 7;

  static final String KIND = "kind";
  static final int PRODUCT_FIELD = 1;
  static final int CUSTOMER_FIELD = 2;
  static final int SALES_FIELD = 3;
  static final int TOP_PRODUCT_FIELD = 4;
  static final int REJECT_FIELD = 5;
  static final int UNPROCESSED_FIELD = 6;
  static final int TALLY_FIELD = 7;
  static final StructType SALES_PARTIAL = new StructType()
      .add("period", DataTypes.StringType, false)
      .add("entries", DataTypes.createArrayType(Entries.SCHEMA, false), false);
  static final StructType TOP_PRODUCT_OF_PERIOD = new StructType()
      .add("period", DataTypes.StringType, false)
      .add("product", OutputSchemas.TOP_PRODUCT, false);
  static final StructType REJECTED = new StructType()
      .add("order_id", DataTypes.StringType, false)
      .add("reject_reason", DataTypes.StringType, false);
  static final StructType TO_MARK = new StructType()
      .add("order_id", DataTypes.StringType, false)
      .add("updated_at", DataTypes.TimestampType, true)
      .add("analytics_processed", DataTypes.BooleanType, false);

  static final StructType SCHEMA = new StructType()
      .add(KIND, DataTypes.ByteType, false)
      .add("product", OutputSchemas.PRODUCT, true)
      .add("customer", OutputSchemas.CUSTOMER_VALUES, true)
      .add("sales", SALES_PARTIAL, true)
      .add("top_product", TOP_PRODUCT_OF_PERIOD, true)
      .add("reject", REJECTED, true)
      .add("unprocessed", TO_MARK, true)
      .add("tally", DataTypes.createArrayType(Entries.SCHEMA, false), true);

  private Aggregates() {}

  /** The tallies, months' partials and top products: a few rows per task, which the driver adds up. */
  static Column small() {
    return functions.col(KIND).isin(TALLY, SALES, TOP_PRODUCT);
  }

  static Row product(Row product) {
    return row(PRODUCT, PRODUCT_FIELD, product);
  }

  static Row customer(Row customer) {
    return row(CUSTOMER, CUSTOMER_FIELD, customer);
  }

  static Row sales(String period, Object[] entries) {
    return row(SALES, SALES_FIELD, new GenericRowWithSchema(new Object[] {period, entries}, SALES_PARTIAL));
  }

  static Row topProduct(String period, Row product) {
    return row(TOP_PRODUCT, TOP_PRODUCT_FIELD,
        new GenericRowWithSchema(new Object[] {period, product}, TOP_PRODUCT_OF_PERIOD));
  }

  static Row reject(String orderId, String reason) {
    return row(REJECT, REJECT_FIELD, new GenericRowWithSchema(new Object[] {orderId, reason}, REJECTED));
  }

  static Row unprocessed(String orderId, Timestamp updatedAt) {
    return row(UNPROCESSED, UNPROCESSED_FIELD,
        new GenericRowWithSchema(new Object[] {orderId, updatedAt, false}, TO_MARK));
  }

  static Row tally(Object[] entries) {
    return row(TALLY, TALLY_FIELD, entries);
  }

  private static Row row(byte kind, int field, Object value) {
    Object[] values = new Object[SCHEMA.size()];
    values[0] = kind;
    values[field] = value;
    return new GenericRowWithSchema(values, SCHEMA);
  }
}
