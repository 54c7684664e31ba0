package io.shopanalytics.common.sink;

import io.shopanalytics.common.model.Ids;
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.BsonWriter;
import org.bson.codecs.BsonValueCodec;
import org.bson.codecs.EncoderContext;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Spark rows written as BSON in the stored types, straight into a {@link BsonWriter}: structs become
 * documents, decimals decimal128, timestamps dates, and the fields named as identifiers go back to
 * their original BSON type. Writing the bytes directly spares the writer a document per row and the
 * driver's codec lookup for every value, which were most of its CPU on the executors
 * (docs/PERFORMANCE.md).
 */
public final class RowBson implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final BsonValueCodec VALUES = new BsonValueCodec();
  private static final EncoderContext CONTEXT = EncoderContext.builder().build();

  private final Set<String> idFields;

  /** @param idFields names of fields, at any depth, that hold encoded identifiers ({@link Ids}) */
  public RowBson(Set<String> idFields) {
    this.idFields = Set.copyOf(idFields);
  }

  /** Writes the fields of {@code row} (a document's content, not its start and end) except {@code skipped}. */
  public void writeFields(BsonWriter writer, Row row, Set<String> skipped) {
    StructField[] fields = row.schema().fields();
    for (int i = 0; i < fields.length; i++) {
      String name = fields[i].name();
      if (!skipped.contains(name)) {
        writer.writeName(name);
        write(writer, name, row.isNullAt(i) ? null : row.get(i), fields[i].dataType());
      }
    }
  }

  /** A key field's value as the driver stores it: an identifier in its BSON type, anything else as is. */
  public Object keyValue(String name, Object value) {
    return idFields.contains(name) && value instanceof String ? id((String) value) : value;
  }

  private void write(BsonWriter writer, String name, Object value, DataType type) {
    if (value == null) {
      writer.writeNull();
    } else if (idFields.contains(name) && value instanceof String) {
      Object id = id((String) value);
      if (id instanceof ObjectId) {
        writer.writeObjectId((ObjectId) id);
      } else {
        VALUES.encode(writer, (BsonValue) id, CONTEXT);
      }
    } else if (type instanceof StructType) {
      writer.writeStartDocument();
      writeFields(writer, (Row) value, Set.of());
      writer.writeEndDocument();
    } else if (type instanceof ArrayType) {
      DataType elementType = ((ArrayType) type).elementType();
      writer.writeStartArray();
      for (Object element : elements(value)) {
        write(writer, name, element, elementType);
      }
      writer.writeEndArray();
    } else {
      writeScalar(writer, value);
    }
  }

  private static void writeScalar(BsonWriter writer, Object value) {
    if (value instanceof String) {
      writer.writeString((String) value);
    } else if (value instanceof Long) {
      writer.writeInt64((Long) value);
    } else if (value instanceof Integer) {
      writer.writeInt32((Integer) value);
    } else if (value instanceof Double) {
      writer.writeDouble((Double) value);
    } else if (value instanceof Boolean) {
      writer.writeBoolean((Boolean) value);
    } else if (value instanceof BigDecimal) {
      writer.writeDecimal128(new Decimal128((BigDecimal) value));
    } else if (value instanceof Timestamp) {
      writer.writeDateTime(((Timestamp) value).getTime());
    } else if (value instanceof java.sql.Date) {
      writer.writeDateTime(((java.sql.Date) value).getTime());
    } else {
      throw new IllegalArgumentException("No stored BSON type for " + value.getClass().getName());
    }
  }

  private static List<?> elements(Object array) {
    return array instanceof Seq ? JavaConverters.seqAsJavaList((Seq<?>) array) : Arrays.asList((Object[]) array);
  }

  /** An ObjectId for its hex form, any other identifier as its BSON value. */
  private static Object id(String encoded) {
    BsonValue id = Ids.decode(encoded);
    return id.isObjectId() ? id.asObjectId().getValue() : new BsonDocument("v", id).get("v");
  }
}
