package io.shopanalytics.common.source.reader;

import io.shopanalytics.common.mongo.SourceCollections;
import com.mongodb.client.model.Projections;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.model.Ids;
import io.shopanalytics.common.model.RawDocuments;
import io.shopanalytics.common.model.ReferenceSchemas;
import io.shopanalytics.common.source.ReadPlan;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Products and users, read with the same reader as orders and decoded leniently: a field of an
 * unexpected type is absent, never a failure (these only label the analytics).
 */
public final class ReferenceCollections {

  private ReferenceCollections() {}

  public static Dataset<Row> products(SparkSession spark, MongoSettings settings, ReadPlan plan) {
    BsonDocument projection = Projections.include("_id", "sku", "name", "category").toBsonDocument();
    return RawDocuments.decode(RawCollectionReader.read(spark, settings, SourceCollections.PRODUCTS, plan, projection, null),
        ReferenceSchemas.PRODUCT, ReferenceCollections::product);
  }

  public static Dataset<Row> users(SparkSession spark, MongoSettings settings, ReadPlan plan) {
    BsonDocument projection = Projections.include("_id", "email").toBsonDocument();
    return RawDocuments.decode(RawCollectionReader.read(spark, settings, SourceCollections.USERS, plan, projection, null),
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
}
