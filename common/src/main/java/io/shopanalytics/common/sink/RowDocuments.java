package io.shopanalytics.common.sink;

import io.shopanalytics.common.model.Ids;
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * Spark rows to BSON documents in the stored types: structs become documents, decimals decimal128,
 * timestamps dates, and the fields named as identifiers go back to their original BSON type.
 */
public final class RowDocuments implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Set<String> idFields;

  /** @param idFields names of fields, at any depth, that hold encoded identifiers ({@link Ids}) */
  public RowDocuments(Set<String> idFields) {
    this.idFields = Set.copyOf(idFields);
  }

  public Document toDocument(Row row) {
    return toDocument(row, row.schema());
  }

  private Document toDocument(Row row, StructType schema) {
    Document document = new Document();
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      String name = fields[i].name();
      Object value = row.isNullAt(i) ? null : convert(name, row.get(i), fields[i].dataType());
      document.append(name, value);
    }
    return document;
  }

  private Object convert(String name, Object value, DataType type) {
    if (idFields.contains(name) && value instanceof String) {
      BsonValue id = Ids.decode((String) value);
      return id.isObjectId() ? id.asObjectId().getValue() : new BsonDocument("v", id).get("v");
    }
    if (type instanceof StructType) {
      return toDocument((Row) value, (StructType) type);
    }
    if (type instanceof ArrayType) {
      DataType elementType = ((ArrayType) type).elementType();
      List<Object> list = new ArrayList<>();
      for (Object element : scala.collection.JavaConverters.seqAsJavaList((scala.collection.Seq<?>) value)) {
        list.add(element == null ? null : convert(name, element, elementType));
      }
      return list;
    }
    if (value instanceof BigDecimal) {
      return new Decimal128((BigDecimal) value);
    }
    if (value instanceof Timestamp) {
      return new Date(((Timestamp) value).getTime());
    }
    if (value instanceof java.sql.Date) {
      return new Date(((java.sql.Date) value).getTime());
    }
    return value;
  }
}
