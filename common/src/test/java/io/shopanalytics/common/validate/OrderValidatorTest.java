package io.shopanalytics.common.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.model.OrderSchema;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;
import java.util.Arrays;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderValidatorTest {
  private static final String ID = "{\"$oid\": \"65a1b2c3d4e5f60718293a4b\"}";
  private static final String USER = "{\"$oid\": \"65a1b2c3d4e5f60718293a4c\"}";
  private static final String PRODUCT = "{\"$oid\": \"65a1b2c3d4e5f60718293a4d\"}";
  private static final String DATE = "{\"$date\": \"2024-11-30T23:59:59.999Z\"}";

  private final OrderValidator validator = new OrderValidator();

  private static BsonDocument order(String created, String user, String items, String status) {
    StringBuilder json = new StringBuilder("{\"_id\": " + ID);
    if (created != null) {
      json.append(", \"created_at\": ").append(created);
    }
    if (user != null) {
      json.append(", \"user_id\": ").append(user);
    }
    if (items != null) {
      json.append(", \"items\": ").append(items);
    }
    if (status != null) {
      json.append(", \"status\": ").append(status);
    }
    return BsonDocument.parse(json.append("}").toString());
  }

  private static String item(String quantity, String price) {
    return "{\"product_id\": " + PRODUCT + ", \"quantity\": " + quantity + ", \"unit_price\": " + price + "}";
  }

  /** The reject reason, which the one-pass read of the order's bytes must come to as well. */
  private String reason(BsonDocument order) {
    Row fromDocument = validator.validate(order);
    assertThat(plain(validator.validate(bytes(order)))).isEqualTo(plain(fromDocument));
    return fromDocument.getAs(OrderSchema.REJECT_REASON);
  }

  private static byte[] bytes(BsonDocument order) {
    RawBsonDocument raw = new RawBsonDocument(order, new BsonDocumentCodec());
    return Arrays.copyOfRange(raw.getByteBuffer().array(), 0, raw.getByteBuffer().limit());
  }

  /** Rows and arrays as lists, so that two rows compare by value. */
  private static Object plain(Object value) {
    if (value instanceof Row row) {
      return plain(row.toSeq() == null ? null : scala.collection.JavaConverters.seqAsJavaList(row.toSeq()).toArray());
    }
    if (value instanceof Object[] array) {
      return Arrays.stream(array).map(OrderValidatorTest::plain).toList();
    }
    return value;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "created_at missing           | ~                          | " + USER + " | [ITEM] | 'shipped' | created_at_invalid",
    "created_at a string          | '2024-11-02'               | " + USER + " | [ITEM] | 'shipped' | created_at_invalid",
    "user_id missing              | " + DATE + "               | ~            | [ITEM] | 'shipped' | user_id_missing",
    "user_id null                 | " + DATE + "               | null         | [ITEM] | 'shipped' | user_id_missing",
    "items missing                | " + DATE + "               | " + USER + " | ~      | 'shipped' | items_invalid",
    "items an object              | " + DATE + "               | " + USER + " | {'a': 1} | 'shipped' | items_invalid",
    "items empty                  | " + DATE + "               | " + USER + " | []     | 'shipped' | items_invalid",
    "item without product_id      | " + DATE + "               | " + USER + " | [{'quantity': 1, 'unit_price': 1}] | 'shipped' | item_product_id_missing",
    "item that is a number        | " + DATE + "               | " + USER + " | [7]    | 'shipped' | item_product_id_missing",
    "status missing               | " + DATE + "               | " + USER + " | [ITEM] | ~         | status_invalid",
    "status unknown               | " + DATE + "               | " + USER + " | [ITEM] | 'lost'    | status_invalid",
    "status not a string          | " + DATE + "               | " + USER + " | [ITEM] | 3         | status_invalid",
  })
  void orderLevelRules(String name, String created, String user, String items, String status, String expected) {
    BsonDocument order = order(nullIfTilde(created), nullIfTilde(user),
        nullIfTilde(items == null ? null : items.replace("ITEM", item("1", "2.5"))), nullIfTilde(status));
    assertThat(reason(order)).isEqualTo(expected);
  }

  private static String nullIfTilde(String value) {
    return value == null || value.equals("~") ? null : value.replace('\'', '"');
  }

  @ParameterizedTest(name = "quantity {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "2.5 | item_quantity_invalid", "0 | item_quantity_invalid", "-1 | item_quantity_invalid",
    "'2' | item_quantity_invalid", "null | item_quantity_invalid", "{'$numberDouble': 'NaN'} | item_quantity_invalid",
    "2.0 | ", "{'$numberLong': '3'} | ", "{'$numberDecimal': '4.00'} | "})
  void quantities(String quantity, String expected) {
    assertThat(reason(order(DATE, USER, "[" + item(quantity.replace('\'', '"'), "1") + "]", "\"shipped\"")))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "unit_price {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "'12.50' | item_unit_price_invalid", "-0.01 | item_unit_price_invalid", "null | item_unit_price_invalid",
    "{'$numberDecimal': 'Infinity'} | item_unit_price_invalid",
    "0 | ", "19.99 | ", "{'$numberDecimal': '-0'} | ", "{'$numberLong': '5'} | "})
  void prices(String price, String expected) {
    assertThat(reason(order(DATE, USER, "[" + item("1", price.replace('\'', '"')) + "]", "\"shipped\"")))
        .isEqualTo(expected);
  }

  @Test
  void theRuleOrderDecidesAcrossItems() {
    String badPriceFirst = "[" + item("1", "\"x\"") + ", {\"quantity\": 1, \"unit_price\": 1}]";
    assertThat(reason(order(DATE, USER, badPriceFirst, "\"lost\""))).isEqualTo("item_product_id_missing");
    String badPriceThenBadQuantity = "[" + item("1", "-1") + ", " + item("0", "1") + "]";
    assertThat(reason(order(DATE, USER, badPriceThenBadQuantity, "\"shipped\""))).isEqualTo("item_quantity_invalid");
    assertThat(reason(order("\"x\"", null, "[]", null))).isEqualTo("created_at_invalid");
  }

  @Test
  void aValidOrderCarriesExactLineAndOrderRevenue() {
    BsonDocument order = BsonDocument.parse("{\"_id\": " + ID + ", \"user_id\": " + USER + ", \"created_at\": " + DATE
        + ", \"status\": \"returned\", \"payment\": {\"method\": \"\"}, \"items\": ["
        + "{\"product_id\": " + PRODUCT + ", \"sku\": \"S\", \"category\": \"\", \"quantity\": 3, \"unit_price\": 0.1},"
        + "{\"product_id\": \"legacy-7\", \"quantity\": 2.0, \"unit_price\": {\"$numberDecimal\": \"19.995\"}}]}");
    Row row = validator.validate(order);
    assertThat(plain(validator.validate(bytes(order)))).isEqualTo(plain(row));
    assertThat((String) row.getAs(OrderSchema.REJECT_REASON)).isNull();
    assertThat((String) row.getAs(OrderSchema.ORDER_ID)).isEqualTo("65a1b2c3d4e5f60718293a4b");
    assertThat((String) row.getAs(OrderSchema.USER_ID)).isEqualTo("65a1b2c3d4e5f60718293a4c");
    assertThat((Timestamp) row.getAs(OrderSchema.CREATED_AT)).isEqualTo(Timestamp.from(Instant.parse("2024-11-30T23:59:59.999Z")));
    assertThat((String) row.getAs(OrderSchema.PAYMENT_METHOD)).isEqualTo("unknown");
    assertThat((BigDecimal) row.getAs(OrderSchema.ORDER_REVENUE)).isEqualByComparingTo("40.29");
    assertThat((Long) row.getAs(OrderSchema.ORDER_QUANTITY)).isEqualTo(5L);
    Object[] items = row.getAs(OrderSchema.ITEMS);
    Row first = (Row) items[0];
    assertThat(first.getString(0)).isEqualTo("65a1b2c3d4e5f60718293a4d");
    assertThat(first.getString(1)).isEqualTo("S");
    assertThat(first.isNullAt(3)).as("empty category is no category").isTrue();
    assertThat(first.getDecimal(6)).isEqualByComparingTo("0.3");
    Row second = (Row) items[1];
    assertThat(second.getString(0)).isEqualTo("json:\"legacy-7\"");
    assertThat(second.getLong(4)).isEqualTo(2L);
    assertThat(second.getDecimal(6)).isEqualByComparingTo("39.99");
  }

  @Test
  void theFirstOfRepeatedNamesCountsAsALookupByNameFindsIt() {
    BasicOutputBuffer buffer = new BasicOutputBuffer();
    try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
      writer.writeStartDocument();
      writer.writeObjectId("_id", new ObjectId("65a1b2c3d4e5f60718293a4b"));
      writer.writeString("status", "shipped");
      writer.writeString("status", "lost");
      writer.writeObjectId("user_id", new ObjectId("65a1b2c3d4e5f60718293a4c"));
      writer.writeDateTime("created_at", 1_700_000_000_000L);
      writer.writeStartDocument("payment");
      writer.writeString("method", "card");
      writer.writeString("method", "paypal");
      writer.writeEndDocument();
      writer.writeStartArray("items");
      writer.writeStartDocument();
      writer.writeObjectId("product_id", new ObjectId("65a1b2c3d4e5f60718293a4d"));
      writer.writeInt32("quantity", 2);
      writer.writeInt32("quantity", 0);
      writer.writeString("unit_price", "not a number");
      writer.writeInt32("unit_price", 5);
      writer.writeEndDocument();
      writer.writeEndArray();
      writer.writeString("items", "ignored");
      writer.writeEndDocument();
    }
    byte[] bytes = buffer.toByteArray();

    Row fromBytes = validator.validate(bytes);
    // the same as the document the read strategies hand on, looked up by name
    assertThat(plain(fromBytes)).isEqualTo(plain(validator.validate(new RawBsonDocument(bytes))));
    assertThat((String) fromBytes.getAs(OrderSchema.REJECT_REASON)).isEqualTo("item_unit_price_invalid");
  }
}
