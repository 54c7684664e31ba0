package io.shopanalytics.common.validate;

import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonReader;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.codecs.BsonValueCodec;
import org.bson.codecs.DecoderContext;

/** The value a reader is at, with the types orders are made of read directly and any other by the driver's codec. */
final class BsonValues {
  private static final BsonValueCodec ANY = new BsonValueCodec();
  private static final DecoderContext CONTEXT = DecoderContext.builder().build();

  private BsonValues() {}

  static BsonValue read(BsonReader reader) {
    switch (reader.getCurrentBsonType()) {
      case OBJECT_ID:
        return new BsonObjectId(reader.readObjectId());
      case STRING:
        return new BsonString(reader.readString());
      case DATE_TIME:
        return new BsonDateTime(reader.readDateTime());
      case INT32:
        return new BsonInt32(reader.readInt32());
      case INT64:
        return new BsonInt64(reader.readInt64());
      case DOUBLE:
        return new BsonDouble(reader.readDouble());
      case DECIMAL128:
        return new BsonDecimal128(reader.readDecimal128());
      default:
        return ANY.decode(reader, CONTEXT);
    }
  }
}
