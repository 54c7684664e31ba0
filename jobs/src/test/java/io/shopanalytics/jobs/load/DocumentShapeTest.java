package io.shopanalytics.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bson.BsonType.ARRAY;
import static org.bson.BsonType.BOOLEAN;
import static org.bson.BsonType.DATE_TIME;
import static org.bson.BsonType.DECIMAL128;
import static org.bson.BsonType.DOCUMENT;
import static org.bson.BsonType.DOUBLE;
import static org.bson.BsonType.INT32;
import static org.bson.BsonType.INT64;
import static org.bson.BsonType.NULL;
import static org.bson.BsonType.OBJECT_ID;
import static org.bson.BsonType.STRING;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.shopanalytics.common.testing.EmbeddedServerTest;
import io.shopanalytics.jobs.testing.CommandRun;
import io.shopanalytics.jobs.testing.EmbeddedMongoExtension;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stored documents have every field of the design's document shapes, in order, with the BSON types docs/CONTRACT.md expects. */
@EmbeddedServerTest
class DocumentShapeTest {
  @RegisterExtension
  static final EmbeddedMongoExtension MONGO = new EmbeddedMongoExtension();

  static MongoDatabase database;

  @BeforeAll
  static void load() {
    CommandRun run = CommandRun.of("load", "--uri", MONGO.uri(), "--database", "shape",
        "--users", "200", "--products", "40", "--orders", "2000");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    database = MONGO.database("shape");
  }

  @Test
  void userHasTheDesignsFields() {
    BsonDocument user = one("users", Filters.empty());

    assertShape(user, shape("_id", OBJECT_ID, "email", STRING, "password_hash", STRING, "first_name", STRING,
        "last_name", STRING, "phone", STRING, "addresses", ARRAY, "preferences", DOCUMENT, "last_login", DATE_TIME,
        "created_at", DATE_TIME, "updated_at", DATE_TIME));
    assertShape(user.getArray("addresses").get(0).asDocument(), shape("type", STRING, "street", STRING, "city", STRING,
        "state", STRING, "postal_code", STRING, "country", STRING, "is_default", BOOLEAN));
    assertShape(user.getDocument("preferences"), shape("newsletter", BOOLEAN, "notifications", BOOLEAN,
        "favorite_categories", ARRAY));
    assertThat(user.getString("email").getValue()).matches("[a-z-]+\\.[a-z-]+\\.\\d+@example\\.(com|net|org)");
    assertThat(user.getString("password_hash").getValue()).startsWith("$2b$12$").hasSize(60);
  }

  @Test
  void productHasTheDesignsFields() {
    BsonDocument product = one("products", Filters.gt("analytics.purchase_count", 0L));

    assertShape(product, shape("_id", OBJECT_ID, "sku", STRING, "name", STRING, "description", STRING,
        "category", STRING, "subcategory", STRING, "price", DECIMAL128, "currency", STRING, "inventory", DOCUMENT,
        "attributes", DOCUMENT, "images", ARRAY, "ratings", DOCUMENT, "analytics", DOCUMENT, "tags", ARRAY,
        "is_active", BOOLEAN, "created_at", DATE_TIME, "updated_at", DATE_TIME));
    assertShape(product.getDocument("inventory"), shape("quantity", INT32, "warehouse_location", STRING,
        "reorder_level", INT32, "last_restock_date", DATE_TIME));
    assertShape(product.getDocument("ratings"), shape("average", DOUBLE, "count", INT32));
    assertShape(product.getDocument("analytics"), shape("view_count", INT64, "add_to_cart_count", INT64,
        "purchase_count", INT64, "conversion_rate", DOUBLE, "last_sold_at", DATE_TIME));
    assertThat(product.getDocument("attributes").keySet()).startsWith("brand", "model", "color").hasSize(4);
    assertThat(product.getString("sku").getValue()).matches("[A-Z]{4}-[A-Z]{2,4}-\\d{6}");
    assertThat(product.getDecimal128("price").getValue().bigDecimalValue().scale()).isEqualTo(2);
  }

  @Test
  void deliveredCardOrderHasTheDesignsFields() {
    BsonDocument order = one("orders", Filters.and(Filters.eq("status", "delivered"), Filters.eq("payment.method", "credit_card")));

    assertShape(order, shape("_id", OBJECT_ID, "order_number", STRING, "user_id", OBJECT_ID,
        "customer_info", DOCUMENT, "items", ARRAY, "totals", DOCUMENT, "shipping_address", DOCUMENT,
        "payment", DOCUMENT, "status", STRING, "status_history", ARRAY, "delivery", DOCUMENT,
        "analytics_processed", BOOLEAN, "created_at", DATE_TIME, "updated_at", DATE_TIME));
    assertShape(order.getDocument("customer_info"), shape("email", STRING, "first_name", STRING, "last_name", STRING,
        "phone", STRING));
    for (BsonValue item : order.getArray("items")) {
      assertShape(item.asDocument(), shape("product_id", OBJECT_ID, "sku", STRING, "name", STRING, "category", STRING,
          "quantity", INT32, "unit_price", DECIMAL128));
      assertThat(item.asDocument().getDecimal128("unit_price").getValue().bigDecimalValue().scale()).isEqualTo(2);
    }
    assertShape(order.getDocument("totals"), shape("subtotal", DECIMAL128, "tax", DECIMAL128, "shipping", DECIMAL128,
        "total", DECIMAL128));
    assertShape(order.getDocument("shipping_address"), shape("street", STRING, "city", STRING, "state", STRING,
        "postal_code", STRING, "country", STRING));
    assertShape(order.getDocument("payment"), shape("method", STRING, "status", STRING, "transaction_id", STRING,
        "amount", DECIMAL128, "currency", STRING, "paid_at", DATE_TIME, "card", DOCUMENT));
    assertShape(order.getDocument("payment").getDocument("card"), shape("brand", STRING, "last4", STRING));
    for (BsonValue step : order.getArray("status_history")) {
      assertShape(step.asDocument(), shape("status", STRING, "timestamp", DATE_TIME));
    }
    assertShape(order.getDocument("delivery"), shape("method", STRING, "carrier", STRING, "tracking_number", STRING,
        "estimated_delivery", DATE_TIME, "shipped_at", DATE_TIME, "delivered_at", DATE_TIME));
    assertThat(order.getBoolean("analytics_processed").getValue()).isFalse();
    assertThat(order.getString("order_number").getValue()).matches("ORD-2024-\\d{6}");
  }

  @Test
  void pendingOrderHasNullsForWhatDidNotHappenYet() {
    BsonDocument order = one("orders", Filters.and(Filters.eq("status", "pending"), Filters.ne("payment.method", "credit_card"),
        Filters.ne("payment.method", "debit_card")));

    assertShape(order.getDocument("payment"), shape("method", STRING, "status", STRING, "transaction_id", STRING,
        "amount", DECIMAL128, "currency", STRING, "paid_at", NULL));
    assertShape(order.getDocument("delivery"), shape("method", STRING, "carrier", STRING, "tracking_number", NULL,
        "estimated_delivery", DATE_TIME, "shipped_at", NULL, "delivered_at", NULL));
    assertThat(order.getArray("status_history")).hasSize(1);
  }

  private static BsonDocument one(String collection, Bson filter) {
    MongoCollection<BsonDocument> documents = database.getCollection(collection, BsonDocument.class);
    BsonDocument found = documents.find(filter).first();
    assertThat(found).as("a %s matching %s", collection, filter).isNotNull();
    return found;
  }

  private static Map<String, BsonType> shape(Object... namesAndTypes) {
    Map<String, BsonType> shape = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      shape.put((String) namesAndTypes[i], (BsonType) namesAndTypes[i + 1]);
    }
    return shape;
  }

  /** The same field names in the same order, each with the expected type. */
  private static void assertShape(BsonDocument document, Map<String, BsonType> expected) {
    Map<String, BsonType> actual = new LinkedHashMap<>();
    document.forEach((name, value) -> actual.put(name, value.getBsonType()));
    assertThat(actual).as(document.toJson()).containsExactlyEntriesOf(expected);
  }
}
