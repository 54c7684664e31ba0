package io.shopanalytics.jobs.load;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import io.shopanalytics.common.mongo.SourceCollections;
import java.io.PrintWriter;
import org.bson.Document;

/**
 * Turns on pre-images for {@code orders} (MongoDB 6.0+, {@code changeStreamPreAndPostImages}), so
 * that the stream job learns the month a deleted, replaced or re-dated order counted in and
 * recomputes just that month (docs/ARCHITECTURE.md, 10. The stream job). Each update and delete
 * of an order then also stores the order's previous version until it expires
 * ({@code changeStreamOptions.preAndPostImages.expireAfterSeconds}, else the oplog's window).
 */
final class PreImages {
  private PreImages() {}

  /** @return whether orders now keeps pre-images */
  static boolean enable(MongoDatabase database, PrintWriter err) {
    try {
      database.runCommand(new Document("collMod", SourceCollections.ORDERS)
          .append("changeStreamPreAndPostImages", new Document("enabled", true)));
      err.println("load: orders keeps pre-images for the stream job (changeStreamPreAndPostImages)");
      return true;
    } catch (MongoCommandException e) {
      err.println("load: orders keeps no pre-images (" + e.getErrorCodeName() + ": " + e.getErrorMessage()
          + "): the stream job recomputes every month after a delete, a replace or a corrected created_at");
      return false;
    }
  }
}
