package io.shopanalytics.common.source.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import io.shopanalytics.common.testing.EmbeddedMongo;
import io.shopanalytics.common.testing.EmbeddedServerTest;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@EmbeddedServerTest
class KeyRangeFilterTest {
  private static EmbeddedMongo mongo;
  private static MongoCollection<BsonDocument> values;
  /** One key of every bracket, in MongoDB's index order (null stands for null and missing too). */
  private static final List<BsonValue> KEYS = List.of(new BsonMinKey(), BsonNull.VALUE, new BsonInt32(-3), new BsonDouble(2.5),
      new BsonInt64(7), new BsonString("Books"), new BsonString("Garden"), new BsonDocument("a", new BsonInt32(1)),
      new BsonBinary(new byte[] {1}), new BsonObjectId(new ObjectId("65a000000000000000000001")), BsonBoolean.FALSE,
      BsonBoolean.TRUE, new BsonDateTime(0), new BsonTimestamp(5, 1), new BsonMaxKey());

  @BeforeAll
  static void start() {
    mongo = EmbeddedMongo.start();
    values = mongo.database().getCollection("values", BsonDocument.class);
    List<BsonDocument> documents = new ArrayList<>();
    for (int i = 0; i < KEYS.size(); i++) {
      documents.add(new BsonDocument("_id", new BsonInt32(i)).append("k", KEYS.get(i)));
    }
    documents.add(new BsonDocument("_id", new BsonInt32(100))); // k missing
    values.insertMany(documents);
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  private static List<Integer> idsIn(BsonValue lower, BsonValue upper) {
    List<Integer> ids = new ArrayList<>();
    values.find(KeyRangeFilter.of("k", lower, upper)).forEach(d -> ids.add(d.getInt32("_id").getValue()));
    ids.sort(null);
    return ids;
  }

  @Test
  void splitAtEveryBracketTheRangesHoldEveryDocumentExactlyOnce() {
    List<BsonValue> splits = List.of(BsonNull.VALUE, new BsonInt32(0), new BsonString("C"), new BsonDocument(),
        new BsonObjectId(new ObjectId("000000000000000000000000")), BsonBoolean.TRUE, new BsonTimestamp(1, 0));
    List<Integer> seen = new ArrayList<>();
    BsonValue lower = new BsonMinKey();
    for (int i = 0; i <= splits.size(); i++) {
      BsonValue upper = i < splits.size() ? splits.get(i) : new BsonMaxKey();
      seen.addAll(idsIn(lower, upper));
      lower = upper;
    }

    seen.sort(null);
    assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 100);
  }

  @Test
  void aChunkFromMinKeyToAStringHoldsMinKeyNullMissingNumbersAndSmallerStrings() {
    assertThat(idsIn(new BsonMinKey(), new BsonString("C"))).containsExactly(0, 1, 2, 3, 4, 5, 100);
  }

  @Test
  void aChunkFromAStringToMaxKeyHoldsEverythingAbove() {
    assertThat(idsIn(new BsonString("C"), new BsonMaxKey())).containsExactly(6, 7, 8, 9, 10, 11, 12, 13, 14);
  }

  @Test
  void aRangeWithinOneTypeIsAPlainRange() {
    assertThat(KeyRangeFilter.of("k", new BsonString("Books"), new BsonString("Garden")))
        .isEqualTo(BsonDocument.parse("{k: {$gte: 'Books', $lt: 'Garden'}}"));
    assertThat(idsIn(new BsonInt32(-3), new BsonInt64(7))).containsExactly(2, 3);
  }

  @Test
  void theWholeKeySpaceNeedsNoFilter() {
    assertThat(KeyRangeFilter.of("k", new BsonMinKey(), new BsonMaxKey())).isEmpty();
  }

  @Test
  void emptyRangesAreRefused() {
    assertThatThrownBy(() -> KeyRangeFilter.of("k", new BsonString("b"), new BsonInt32(1)))
        .hasMessage("Empty key range on 'k': [BsonString{value='b'}, BsonInt32{value=1})");
  }
}
