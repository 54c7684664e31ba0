package io.shopanalytics.common.source;

import com.mongodb.client.MongoDatabase;
import io.shopanalytics.common.time.Period;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * A deterministic order collection for reading tests: 1000 orders over January to June 2024 with
 * uneven months, ObjectId {@code _id}s 0x1000.. in creation order, plus orders that stress the
 * readers: int and string {@code _id}s (ranges across BSON types), missing, null and string
 * {@code created_at} (read as rejects), and wrong types inside (which must reach validation intact).
 */
final class TestOrders {
  static final int[] PER_MONTH = {150, 120, 300, 90, 200, 140};
  static final int FIRST_OID = 0x1000;
  /** March and April 2024. */
  static final ReadScope MARCH_APRIL = ReadScope.between(Period.of(2024, 3).start(), Period.of(2024, 5).start());

  private TestOrders() {}

  static ObjectId oid(int n) {
    return new ObjectId(String.format("%024x", n));
  }

  static List<BsonDocument> all() {
    List<BsonDocument> orders = new ArrayList<>();
    int n = FIRST_OID;
    for (int month = 0; month < PER_MONTH.length; month++) {
      Instant start = Period.of(2024, month + 1).start();
      long width = Period.of(2024, month + 1).nextStart().toEpochMilli() - start.toEpochMilli();
      for (int i = 0; i < PER_MONTH[month]; i++) {
        // crowd the second half of each month: slices must follow the data, not the calendar
        long offset = i < PER_MONTH[month] / 3 ? width / 2 * i / (PER_MONTH[month] / 3) : width / 2 + (width / 2) * i / PER_MONTH[month];
        orders.add(order(new BsonObjectId(oid(n++)), new BsonDateTime(start.toEpochMilli() + offset)));
      }
    }
    for (int i = 1; i <= 10; i++) {
      orders.add(order(new BsonInt32(i), new BsonDateTime(Period.of(2024, 1 + i % 6).start().toEpochMilli() + i * 3_600_000L)));
    }
    for (int i = 1; i <= 5; i++) {
      orders.add(order(new BsonString("legacy-" + i), new BsonDateTime(Period.of(2024, 2 + i % 4).start().toEpochMilli() + 1)));
    }
    orders.add(order(new BsonString("no-date-1"), null));
    orders.add(order(new BsonString("no-date-2"), null));
    orders.add(order(new BsonObjectId(oid(0x10)), BsonNull.VALUE));
    orders.add(order(new BsonObjectId(oid(0x11)), new BsonString("2024-03-05")));
    orders.add(odd(new BsonObjectId(oid(0x12)), Period.of(2024, 3).start().toEpochMilli() + 5));
    orders.add(odd(new BsonString("true"), Period.of(2024, 4).start().toEpochMilli() + 6));
    return orders;
  }

  static BsonDocument order(BsonValue id, BsonValue createdAt) {
    BsonDocument order = new BsonDocument("_id", id)
        .append("user_id", new BsonObjectId(oid(0x9000)))
        .append("status", new BsonString("delivered"))
        .append("payment", new BsonDocument("method", new BsonString("card")).append("last4", new BsonString("4242")))
        .append("items", new BsonArray(List.of(new BsonDocument("product_id", new BsonObjectId(oid(0x8000)))
            .append("sku", new BsonString("BK-1")).append("name", new BsonString("Atlas"))
            .append("category", new BsonString("Books")).append("quantity", new BsonInt32(2))
            .append("unit_price", new BsonDecimal128(Decimal128.parse("19.99"))))))
        .append("notes", new BsonString("not projected"));
    if (createdAt != null) {
      order.append("created_at", createdAt);
    }
    return order.append("updated_at", new BsonDateTime(1_717_200_000_000L));
  }

  /** Wrong types everywhere: a boolean status, a string quantity, a double price, a null sku, no items name. */
  static BsonDocument odd(BsonValue id, long createdAt) {
    return new BsonDocument("_id", id)
        .append("status", BsonBoolean.TRUE)
        .append("created_at", new BsonDateTime(createdAt))
        .append("payment", new BsonString("card"))
        .append("items", new BsonArray(List.of(new BsonDocument("product_id", new BsonString("not-an-id"))
            .append("sku", BsonNull.VALUE).append("quantity", new BsonString("2"))
            .append("unit_price", new BsonDouble(2.5)))));
  }

  static void insert(MongoDatabase database) {
    database.getCollection("orders", BsonDocument.class).insertMany(all());
    database.getCollection("orders").createIndex(new Document("created_at", 1));
  }

  /** The {@code _id}s of the orders a scope must read: dated inside it, or without a valid date. */
  static Set<BsonValue> expectedIds(ReadScope scope) {
    Set<BsonValue> ids = new LinkedHashSet<>();
    for (BsonDocument order : all()) {
      BsonValue createdAt = order.get("created_at");
      if (createdAt == null || !createdAt.isDateTime()
          || scope.contains(Instant.ofEpochMilli(createdAt.asDateTime().getValue()))) {
        ids.add(order.get("_id"));
      }
    }
    return ids;
  }

  /** The raw documents a Dataset of {@code OrderSchema.RAW} holds. */
  static List<RawBsonDocument> documents(Dataset<Row> raw) {
    List<RawBsonDocument> documents = new ArrayList<>();
    for (Row row : raw.collectAsList()) {
      documents.add(new RawBsonDocument(row.getAs(0)));
    }
    return documents;
  }

  /** Their {@code _id}s, in read order (duplicates kept, so that they can be asserted absent). */
  static List<BsonValue> ids(List<RawBsonDocument> documents) {
    return documents.stream().map(d -> d.get("_id")).toList();
  }
}
