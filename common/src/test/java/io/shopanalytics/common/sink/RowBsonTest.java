package io.shopanalytics.common.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/** Rows as the stored BSON types, written straight to bytes. */
class RowBsonTest {
  private static final StructType ENTRY = new StructType()
      .add("user_id", DataTypes.StringType).add("total_spent", DataTypes.createDecimalType(38, 2));
  private static final StructType ROW = new StructType()
      .add("product_id", DataTypes.StringType)
      .add("period", DataTypes.StringType)
      .add("count", DataTypes.LongType)
      .add("days", DataTypes.IntegerType)
      .add("share", DataTypes.DoubleType)
      .add("at", DataTypes.TimestampType)
      .add("email", DataTypes.StringType)
      .add("top", DataTypes.createArrayType(ENTRY))
      .add("tags", DataTypes.createArrayType(DataTypes.StringType));

  @Test
  void everyStoredTypeAndIdentifiersInTheirOwnType() {
    Row entry = new GenericRowWithSchema(new Object[] {"json:\"legacy-7\"", new BigDecimal("12.30")}, ENTRY);
    Row row = new GenericRowWithSchema(new Object[] {"65a1b2c3d4e5f60718293a4d", "2024-11", 3L, 7, 12.5,
        new Timestamp(1_700_000_000_000L), null,
        JavaConverters.asScalaBuffer(List.<Object>of(entry)).toSeq(), new Object[] {"a", "b"}}, ROW);

    BasicOutputBuffer buffer = new BasicOutputBuffer();
    try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
      writer.writeStartDocument();
      new RowBson(Set.of("product_id", "user_id")).writeFields(writer, row, Set.of("period"));
      writer.writeEndDocument();
    }

    assertThat(new RawBsonDocument(buffer.toByteArray())).isEqualTo(BsonDocument.parse("{"
        + "\"product_id\": {\"$oid\": \"65a1b2c3d4e5f60718293a4d\"}, \"count\": {\"$numberLong\": \"3\"}, \"days\": 7,"
        + " \"share\": 12.5, \"at\": {\"$date\": 1700000000000}, \"email\": null,"
        + " \"top\": [{\"user_id\": \"legacy-7\", \"total_spent\": {\"$numberDecimal\": \"12.30\"}}],"
        + " \"tags\": [\"a\", \"b\"]}"));
  }

  @Test
  void keysTakeTheIdentifiersTypeToo() {
    RowBson bson = new RowBson(Set.of("product_id"));
    assertThat(bson.keyValue("product_id", "65a1b2c3d4e5f60718293a4d"))
        .isEqualTo(new org.bson.types.ObjectId("65a1b2c3d4e5f60718293a4d"));
    assertThat(bson.keyValue("period", "2024-11")).isEqualTo("2024-11");
  }
}
