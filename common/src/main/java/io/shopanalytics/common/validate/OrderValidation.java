package io.shopanalytics.common.validate;

import static org.apache.spark.sql.functions.col;

import io.shopanalytics.common.model.OrderSchema;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.bson.RawBsonDocument;

/** The one validation pass: raw orders in, every order out with its reject reason (or null). */
public final class OrderValidation {
  private OrderValidation() {}

  /** @param raw rows of {@link OrderSchema#RAW} from any read strategy */
  public static Dataset<Row> validate(Dataset<Row> raw) {
    MapPartitionsFunction<Row, Row> decodeAndValidate = rows -> {
      OrderValidator validator = new OrderValidator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          byte[] bytes = rows.next().getAs(OrderSchema.RAW_DOCUMENT);
          return validator.validate(new RawBsonDocument(bytes));
        }
      };
    };
    return raw.mapPartitions(decodeAndValidate, Encoders.row(OrderSchema.VALIDATED));
  }

  public static Dataset<Row> valid(Dataset<Row> validated) {
    return validated.where(col(OrderSchema.REJECT_REASON).isNull());
  }

  public static Dataset<Row> rejects(Dataset<Row> validated) {
    return validated.where(col(OrderSchema.REJECT_REASON).isNotNull());
  }
}
