package io.shopanalytics.common.model;

import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.ObjectId;

/**
 * Identifiers travel through Spark as strings and go back to MongoDB with their original BSON type.
 *
 * <p>An ObjectId is its 24-digit lowercase hex form, so that string order is the ObjectId's byte
 * order (the "hex order" of the ranking tie-breaks). Any other BSON value (a string or numeric id
 * in legacy data) is {@code json:} followed by its canonical extended JSON, which cannot be
 * mistaken for hex and decodes back losslessly.
 */
public final class Ids {
  private static final String JSON_PREFIX = "json:";
  private static final JsonWriterSettings CANONICAL =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  private Ids() {}

  public static String encode(BsonValue id) {
    if (id == null || id.isNull()) {
      return null;
    }
    if (id.isObjectId()) {
      return id.asObjectId().getValue().toHexString();
    }
    String json = new BsonDocument("v", id).toJson(CANONICAL);
    return JSON_PREFIX + json.substring("{\"v\": ".length(), json.length() - 1);
  }

  public static BsonValue decode(String encoded) {
    if (encoded == null) {
      return null;
    }
    if (encoded.startsWith(JSON_PREFIX)) {
      return BsonDocument.parse("{\"v\": " + encoded.substring(JSON_PREFIX.length()) + "}").get("v");
    }
    return new BsonObjectId(new ObjectId(encoded));
  }
}
