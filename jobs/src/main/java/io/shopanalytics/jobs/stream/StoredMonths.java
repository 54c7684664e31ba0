package io.shopanalytics.jobs.stream;

import com.mongodb.ReadPreference;
import com.mongodb.client.MongoDatabase;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.sink.AnalyticsIndexes;
import io.shopanalytics.common.time.Period;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The months that hold product or sales analytics: every month a changed order may have counted
 * in. A change whose earlier month is unknown makes the stream recompute all of them. Read from
 * the primary, which holds the stream's own latest writes.
 */
final class StoredMonths {
  private StoredMonths() {}

  static SortedSet<Period> of(MongoSettings settings) {
    MongoDatabase database = MongoClientCache.get(settings.writeUri()).getDatabase(settings.database())
        .withReadPreference(ReadPreference.primary());
    SortedSet<Period> months = new TreeSet<>();
    for (String collection : new String[] {AnalyticsIndexes.SALES_ANALYTICS, AnalyticsIndexes.PRODUCT_ANALYTICS}) {
      database.getCollection(collection).distinct("period", String.class).forEach(id -> months.add(Period.parse(id)));
    }
    return months;
  }
}
