package io.shopanalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class FlatDocumentTest {
  private static final ObjectId USER = new ObjectId("65a1b2c3d4e5f60718293a4b");

  private static BsonDocument stored() {
    return new BsonDocument("_id", new BsonObjectId())
        .append("user_id", new BsonObjectId(USER))
        .append("email", BsonNull.VALUE)
        .append("created_at", new BsonDateTime(1))
        .append("updated_at", new BsonDateTime(2))
        .append("lifetime_metrics", new BsonDocument("total_orders", new BsonInt64(3))
            .append("total_spent", new BsonDecimal128(new Decimal128(new BigDecimal("12.30"))))
            .append("first_order_date", new BsonDateTime(1_700_000_000_000L)))
        .append("behavior", new BsonDocument("favorite_categories", new BsonArray(List.of(new BsonString("Books"))))
            .append("return_rate", new BsonDouble(0.33)))
        .append("rfm_score", new BsonDocument("total", new BsonInt32(9)));
  }

  @Test
  void aStoredDocumentAndItsJsonTwinFlattenAlike() {
    String json = "{\"user_id\":\"65a1b2c3d4e5f60718293a4b\",\"email\":null,"
        + "\"lifetime_metrics\":{\"total_orders\":3,\"total_spent\":12.3,\"first_order_date\":1700000000000},"
        + "\"behavior\":{\"favorite_categories\":[\"Books\"],\"return_rate\":0.33},\"rfm_score\":{\"total\":9}}";
    assertThat(FlatDocument.of(stored())).isEqualTo(FlatDocument.ofJson(json));
  }

  @Test
  void theWritersBookkeepingIsLeftOut() {
    assertThat(FlatDocument.of(stored())).doesNotContainKeys("_id", "created_at", "updated_at");
  }

  @Test
  void arraysCarryTheirLengthAndStringsStayApartFromNumbers() {
    assertThat(FlatDocument.of(stored())).containsEntry("behavior.favorite_categories.length", "1")
        .containsEntry("behavior.favorite_categories.0", "\"Books\"")
        .containsEntry("lifetime_metrics.total_spent", "12.3");
    assertThat(FlatDocument.ofJson("{\"a\":\"1\"}")).isNotEqualTo(FlatDocument.ofJson("{\"a\":1}"));
  }

  @Test
  void aCentDifferenceIsADifference() {
    assertThat(FlatDocument.ofJson("{\"total_spent\":12.31}")).isNotEqualTo(FlatDocument.ofJson("{\"total_spent\":12.3}"));
  }
}
