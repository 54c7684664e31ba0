package io.shopanalytics.common.validate;

import static org.apache.spark.sql.functions.col;

import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.model.RawDocuments;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The one validation pass: raw orders in, every order out with its reject reason (or null). */
public final class OrderValidation {
  private OrderValidation() {}

  /** @param raw rows of {@link OrderSchema#RAW} from any read strategy */
  public static Dataset<Row> validate(Dataset<Row> raw) {
    OrderValidator validator = new OrderValidator();
    // from the bytes, in one pass over each order (OrderFields), not by a lookup per field
    return RawDocuments.decodeBytes(raw, OrderSchema.VALIDATED, validator::validate);
  }

  public static Dataset<Row> valid(Dataset<Row> validated) {
    return validated.where(col(OrderSchema.REJECT_REASON).isNull());
  }

  public static Dataset<Row> rejects(Dataset<Row> validated) {
    return validated.where(col(OrderSchema.REJECT_REASON).isNotNull());
  }
}
