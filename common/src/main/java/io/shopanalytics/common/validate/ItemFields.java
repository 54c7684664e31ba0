package io.shopanalytics.common.validate;

import org.bson.BsonDocument;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonValue;

/** The fields of one element of {@code items} that validation interprets (null when absent). */
final class ItemFields {
  /** An element that is not a document: it has none of the fields. */
  static final ItemFields EMPTY = new ItemFields();

  BsonValue productId;
  BsonValue sku;
  BsonValue name;
  BsonValue category;
  BsonValue quantity;
  BsonValue unitPrice;

  static ItemFields of(BsonDocument item) {
    ItemFields fields = new ItemFields();
    fields.productId = item.get("product_id");
    fields.sku = item.get("sku");
    fields.name = item.get("name");
    fields.category = item.get("category");
    fields.quantity = item.get("quantity");
    fields.unitPrice = item.get("unit_price");
    return fields;
  }

  /** Reads the document the reader is at, keeping the first of repeated names. */
  static ItemFields read(BsonReader reader) {
    ItemFields fields = new ItemFields();
    reader.readStartDocument();
    while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
      String name = reader.readName();
      switch (name) {
        case "product_id" -> fields.productId = first(reader, fields.productId);
        case "sku" -> fields.sku = first(reader, fields.sku);
        case "name" -> fields.name = first(reader, fields.name);
        case "category" -> fields.category = first(reader, fields.category);
        case "quantity" -> fields.quantity = first(reader, fields.quantity);
        case "unit_price" -> fields.unitPrice = first(reader, fields.unitPrice);
        default -> reader.skipValue();
      }
    }
    reader.readEndDocument();
    return fields;
  }

  private static BsonValue first(BsonReader reader, BsonValue kept) {
    if (kept != null) {
      reader.skipValue();
      return kept;
    }
    return BsonValues.read(reader);
  }
}
