package io.shopanalytics.jobs.load;

import java.util.Map;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonValueCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * A generated document encoded to BSON by a walk over its values, the types the generator makes
 * written directly and any other through the driver's codec. The same bytes as the driver's
 * {@code BsonDocumentCodec} (BsonBytesTest), without its codec lookup for every value, which was a
 * fifth of the loader's encoding time, CPU a stand-in server on the same machine shares
 * (docs/PERFORMANCE.md, 1).
 */
public final class BsonBytes {
  private static final BsonValueCodec OTHER_TYPES = new BsonValueCodec();
  private static final EncoderContext CONTEXT = EncoderContext.builder().build();

  private BsonBytes() {}

  public static RawBsonDocument encode(BsonDocument document) {
    BasicOutputBuffer buffer = new BasicOutputBuffer(2048);
    try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
      writeDocument(writer, document);
    }
    return new RawBsonDocument(buffer.getInternalBuffer(), 0, buffer.getPosition());
  }

  private static void writeDocument(BsonBinaryWriter writer, BsonDocument document) {
    writer.writeStartDocument();
    for (Map.Entry<String, BsonValue> field : document.entrySet()) {
      writer.writeName(field.getKey());
      writeValue(writer, field.getValue());
    }
    writer.writeEndDocument();
  }

  private static void writeValue(BsonBinaryWriter writer, BsonValue value) {
    switch (value.getBsonType()) {
      case DOCUMENT:
        writeDocument(writer, value.asDocument());
        break;
      case ARRAY:
        writer.writeStartArray();
        for (BsonValue element : value.asArray()) {
          writeValue(writer, element);
        }
        writer.writeEndArray();
        break;
      case STRING:
        writer.writeString(value.asString().getValue());
        break;
      case OBJECT_ID:
        writer.writeObjectId(value.asObjectId().getValue());
        break;
      case INT32:
        writer.writeInt32(value.asInt32().getValue());
        break;
      case INT64:
        writer.writeInt64(value.asInt64().getValue());
        break;
      case DOUBLE:
        writer.writeDouble(value.asDouble().getValue());
        break;
      case DECIMAL128:
        writer.writeDecimal128(value.asDecimal128().getValue());
        break;
      case BOOLEAN:
        writer.writeBoolean(value.asBoolean().getValue());
        break;
      case DATE_TIME:
        writer.writeDateTime(value.asDateTime().getValue());
        break;
      case NULL:
        writer.writeNull();
        break;
      default:
        OTHER_TYPES.encode(writer, value, CONTEXT);
    }
  }
}
