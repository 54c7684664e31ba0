package io.shopanalytics.jobs.analytics;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.mongo.SourceCollections;
import io.shopanalytics.common.sink.AnalyticsIndexes;
import io.shopanalytics.common.sink.Retries;
import io.shopanalytics.jobs.analytics.transform.OutputSchemas;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * Keeps each product's {@code analytics.purchase_count} (quantity sold in sale orders) and
 * {@code analytics.last_sold_at} (its latest sale) current, touching no other product field.
 *
 * <p>They are derived from {@code product_analytics}, which holds every month the jobs have
 * computed: summing its months is idempotent (a re-run sets the same values) and costs a read of
 * one small collection instead of the order history. Once the history is backfilled, the counters
 * are lifetime figures; a product whose last sales were cancelled goes back to 0.
 */
final class ProductCounters {
  static final String PURCHASE_COUNT = "analytics.purchase_count";
  static final String LAST_SOLD_AT = "analytics.last_sold_at";

  private ProductCounters() {}

  /**
   * Whole, retried after transient errors: it recomputes every value from {@code product_analytics},
   * so an attempt repeated after a partial one sets the same values.
   *
   * @return products updated
   */
  static long update(MongoSettings settings) throws InterruptedException {
    return Retries.run("updating the analytics counters of " + settings.database() + ".products",
        settings.writeMaxRetries(), () -> updateOnce(settings));
  }

  private static long updateOnce(MongoSettings settings) {
    MongoDatabase database = MongoClientCache.get(settings.writeUri()).getDatabase(settings.database());
    MongoCollection<Document> products = database.getCollection(SourceCollections.PRODUCTS).withWriteConcern(settings.writeConcernObject());
    List<WriteModel<Document>> updates = new ArrayList<>();
    Set<Object> sold = new HashSet<>();
    for (Document totals : database.getCollection(AnalyticsIndexes.PRODUCT_ANALYTICS).aggregate(List.of(
        Aggregates.group("$product_id",
            Accumulators.sum("quantity", "$metrics.total_quantity_sold"),
            Accumulators.max("last_sold_at", "$" + OutputSchemas.LAST_SOLD_AT))))) {
      sold.add(totals.get("_id"));
      updates.add(new UpdateOneModel<>(Filters.eq("_id", totals.get("_id")), Updates.combine(
          Updates.set(PURCHASE_COUNT, ((Number) totals.get("quantity")).longValue()),
          Updates.set(LAST_SOLD_AT, totals.get("last_sold_at")))));
    }
    for (Document product : products.find(Filters.gt(PURCHASE_COUNT, 0)).projection(new Document("_id", 1))) {
      if (!sold.contains(product.get("_id"))) {
        updates.add(new UpdateOneModel<>(Filters.eq("_id", product.get("_id")),
            Updates.combine(Updates.set(PURCHASE_COUNT, 0L), Updates.set(LAST_SOLD_AT, null))));
      }
    }
    long updated = 0;
    for (int from = 0; from < updates.size(); from += settings.writeBatchSize()) {
      List<WriteModel<Document>> batch = updates.subList(from, Math.min(updates.size(), from + settings.writeBatchSize()));
      updated += products.bulkWrite(batch, new BulkWriteOptions().ordered(false)).getMatchedCount();
    }
    return updated;
  }
}
