package io.shopanalytics.common.source.plan;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.source.ReadScope;
import org.bson.BsonDocument;

/**
 * How many documents the collection holds and how many of them the scope covers: what {@code auto}
 * decides on and what plans size their partitions with. Estimates, not exact figures: the total is
 * the metadata count (orphans included on a sharded cluster), the scope count is an index-backed
 * count of the {@code created_at} range (orders without a valid date are few and not counted).
 */
public record ScopeEstimate(long collectionDocuments, long scopeDocuments) {
  /** The scope's share of the collection, 0 to 1 (0 for an empty collection). */
  public double fraction() {
    return collectionDocuments <= 0 ? 0 : Math.min(1.0, (double) scopeDocuments / collectionDocuments);
  }

  /** Scope documents expected among {@code scanned} documents of the collection. */
  long inScope(double scanned) {
    return Math.round(scanned * fraction());
  }

  public static ScopeEstimate measure(MongoClient client, MongoSettings settings, String collection, ReadScope scope) {
    MongoCollection<BsonDocument> documents = client.getDatabase(settings.database())
        .getCollection(collection, BsonDocument.class);
    long total = documents.estimatedDocumentCount();
    BsonDocument range = scope.createdAtRange();
    // an unbounded scope covers everything: no need to count it (a full count on a big collection)
    long inScope = range.isEmpty() ? total : documents.countDocuments(range);
    return new ScopeEstimate(total, inScope);
  }
}
