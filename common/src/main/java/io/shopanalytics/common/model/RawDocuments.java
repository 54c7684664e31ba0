package io.shopanalytics.common.model;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/** Turns rows of {@link OrderSchema#RAW} (BSON bytes) into typed rows, one document at a time. */
public final class RawDocuments {
  private RawDocuments() {}

  /** Decodes one document into a row of the target schema; must not throw on unexpected types. */
  public interface Decoder extends Serializable {
    Row decode(BsonDocument document);
  }

  /** Decodes one document's BSON bytes into a row of the target schema; must not throw on unexpected types. */
  public interface BytesDecoder extends Serializable {
    Row decode(byte[] document);
  }

  public static Dataset<Row> decode(Dataset<Row> raw, StructType schema, Decoder decoder) {
    return decodeBytes(raw, schema, bytes -> decoder.decode(new RawBsonDocument(bytes)));
  }

  public static Dataset<Row> decodeBytes(Dataset<Row> raw, StructType schema, BytesDecoder decoder) {
    int document = OrderSchema.RAW.fieldIndex(OrderSchema.RAW_DOCUMENT);
    MapPartitionsFunction<Row, Row> decodeAll = rows -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        return decoder.decode((byte[]) rows.next().get(document));
      }
    };
    return raw.mapPartitions(decodeAll, Encoders.row(schema));
  }
}
