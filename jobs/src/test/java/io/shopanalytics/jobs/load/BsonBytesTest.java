package io.shopanalytics.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.IntFunction;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Test;

class BsonBytesTest {
  private static final BsonDocumentCodec DRIVER = new BsonDocumentCodec();

  @Test
  void everyGeneratedDocumentHasTheDriversBytes() {
    SeedData data = new SeedData(SeedDataTest.SPEC);
    assertSameBytes(data::user, SeedDataTest.SPEC.users());
    assertSameBytes(data::product, SeedDataTest.SPEC.products());
    assertSameBytes(data::order, SeedDataTest.SPEC.orders());
  }

  @Test
  void typesTheGeneratorNeverMakesGoThroughTheDriversCodec() {
    BsonDocument document = new BsonDocument("binary", new BsonBinary(new byte[] {1, 2, 3}))
        .append("timestamp", new BsonTimestamp(7, 1))
        .append("pattern", new BsonRegularExpression("^a", "i"))
        .append("nested", new BsonDocument("name", new BsonString("x")));
    assertThat(bytes(BsonBytes.encode(document))).isEqualTo(bytes(new RawBsonDocument(document, DRIVER)));
  }

  private static void assertSameBytes(IntFunction<BsonDocument> documents, int count) {
    for (int i = 0; i < count; i++) {
      BsonDocument document = documents.apply(i);
      byte[] expected = bytes(new RawBsonDocument(document, DRIVER));
      assertThat(bytes(BsonBytes.encode(document))).as("document %d", i).isEqualTo(expected);
    }
  }

  private static byte[] bytes(RawBsonDocument document) {
    java.nio.ByteBuffer buffer = document.getByteBuffer().asNIO();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
