package io.shopanalytics.common.source;

import com.mongodb.client.model.Projections;
import io.shopanalytics.common.model.Ids;
import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.model.ReferenceSchemas;
import io.shopanalytics.common.settings.MongoSettings;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Products and users, read with the same reader as orders and decoded leniently: a field of an
 * unexpected type is absent, never a failure (these only label the analytics).
 */
public final class ReferenceCollections {
  public static final String PRODUCTS = "products";
  public static final String USERS = "users";

  private ReferenceCollections() {}

  public static Dataset<Row> products(SparkSession spark, MongoSettings settings, ReadPlan plan) {
    BsonDocument projection = Projections.include("_id", "sku", "name", "category").toBsonDocument();
    return decode(RawCollectionReader.read(spark, settings, PRODUCTS, plan, projection, null),
        ReferenceSchemas.PRODUCT, ReferenceCollections::product);
  }

  public static Dataset<Row> users(SparkSession spark, MongoSettings settings, ReadPlan plan) {
    BsonDocument projection = Projections.include("_id", "email").toBsonDocument();
    return decode(RawCollectionReader.read(spark, settings, USERS, plan, projection, null),
        ReferenceSchemas.USER, ReferenceCollections::user);
  }

  static Row product(BsonDocument document) {
    return RowFactory.create(Ids.encode(document.get("_id")), string(document.get("sku")),
        string(document.get("name")), string(document.get("category")));
  }

  static Row user(BsonDocument document) {
    BsonValue email = document.get("email");
    // an email is shown as stored, empty or not; a non-string is no email
    return RowFactory.create(Ids.encode(document.get("_id")),
        email != null && email.isString() ? email.asString().getValue() : null);
  }

  private static String string(BsonValue value) {
    return value != null && value.isString() && !value.asString().getValue().isEmpty()
        ? value.asString().getValue() : null;
  }

  private static Dataset<Row> decode(Dataset<Row> raw, StructType schema, Decoder decoder) {
    MapPartitionsFunction<Row, Row> decodeAll = rows -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        byte[] bytes = rows.next().getAs(OrderSchema.RAW_DOCUMENT);
        return decoder.apply(new RawBsonDocument(bytes));
      }
    };
    return raw.mapPartitions(decodeAll, Encoders.row(schema));
  }

  private interface Decoder extends java.io.Serializable {
    Row apply(BsonDocument document);
  }
}
