package io.shopanalytics.common.validate;

import io.shopanalytics.common.model.OrderSchema;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBinaryReader;
import org.bson.BsonDocument;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * The fields of one order that validation interprets, as their BSON values (null when absent): read
 * from a parsed document, or in one pass over the order's bytes, which is how every read strategy
 * hands orders on. The pass skips what validation does not use and, like a lookup by name, keeps the
 * first of repeated names.
 */
final class OrderFields {
  BsonValue id;
  BsonValue userId;
  BsonValue createdAt;
  BsonValue updatedAt;
  BsonValue processed;
  BsonValue status;
  /** {@code payment.method}, when {@code payment} is a document that has one. */
  BsonValue paymentMethod;
  /** Whether {@code items} is present. */
  boolean itemsPresent;
  /** The elements of {@code items} when it is an array, else null. */
  List<ItemFields> items;

  static OrderFields of(BsonDocument order) {
    OrderFields fields = new OrderFields();
    fields.id = order.get("_id");
    fields.userId = order.get("user_id");
    fields.createdAt = order.get("created_at");
    fields.updatedAt = order.get("updated_at");
    fields.processed = order.get(OrderSchema.ANALYTICS_PROCESSED);
    fields.status = order.get("status");
    BsonValue payment = order.get("payment");
    fields.paymentMethod = payment != null && payment.isDocument() ? payment.asDocument().get("method") : null;
    BsonValue items = order.get("items");
    fields.itemsPresent = items != null;
    if (items != null && items.isArray()) {
      BsonArray array = items.asArray();
      fields.items = new ArrayList<>(array.size());
      for (BsonValue element : array) {
        fields.items.add(element.isDocument() ? ItemFields.of(element.asDocument()) : ItemFields.EMPTY);
      }
    }
    return fields;
  }

  /** @param bson one order, as the read strategies hand it on */
  static OrderFields read(byte[] bson) {
    OrderFields fields = new OrderFields();
    boolean paymentSeen = false;
    try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(bson))) {
      reader.readStartDocument();
      while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
        String name = reader.readName();
        switch (name) {
          case "_id" -> fields.id = fields.id == null ? BsonValues.read(reader) : skip(reader, fields.id);
          case "user_id" -> fields.userId = fields.userId == null ? BsonValues.read(reader) : skip(reader, fields.userId);
          case "created_at" -> fields.createdAt =
              fields.createdAt == null ? BsonValues.read(reader) : skip(reader, fields.createdAt);
          case "updated_at" -> fields.updatedAt =
              fields.updatedAt == null ? BsonValues.read(reader) : skip(reader, fields.updatedAt);
          case OrderSchema.ANALYTICS_PROCESSED -> fields.processed =
              fields.processed == null ? BsonValues.read(reader) : skip(reader, fields.processed);
          case "status" -> fields.status = fields.status == null ? BsonValues.read(reader) : skip(reader, fields.status);
          case "payment" -> {
            if (!paymentSeen && reader.getCurrentBsonType() == BsonType.DOCUMENT) {
              fields.paymentMethod = readMethod(reader);
            } else {
              reader.skipValue();
            }
            paymentSeen = true;
          }
          case "items" -> {
            if (!fields.itemsPresent && reader.getCurrentBsonType() == BsonType.ARRAY) {
              fields.items = readItems(reader);
            } else {
              reader.skipValue();
            }
            fields.itemsPresent = true;
          }
          default -> reader.skipValue();
        }
      }
    }
    return fields;
  }

  private static BsonValue skip(BsonReader reader, BsonValue kept) {
    reader.skipValue();
    return kept;
  }

  private static BsonValue readMethod(BsonReader reader) {
    BsonValue method = null;
    reader.readStartDocument();
    while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
      if (reader.readName().equals("method") && method == null) {
        method = BsonValues.read(reader);
      } else {
        reader.skipValue();
      }
    }
    reader.readEndDocument();
    return method;
  }

  private static List<ItemFields> readItems(BsonReader reader) {
    List<ItemFields> items = new ArrayList<>(4);
    reader.readStartArray();
    while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
      if (reader.getCurrentBsonType() == BsonType.DOCUMENT) {
        items.add(ItemFields.read(reader));
      } else {
        reader.skipValue();
        items.add(ItemFields.EMPTY);
      }
    }
    reader.readEndArray();
    return items;
  }
}
