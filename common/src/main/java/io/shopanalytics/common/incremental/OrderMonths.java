package io.shopanalytics.common.incremental;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.mongo.SourceCollections;
import io.shopanalytics.common.time.Period;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;

/** The months of the dated orders that match a filter, with how many each holds, counted by MongoDB. */
public final class OrderMonths {
  private OrderMonths() {}

  public static MongoCollection<Document> orders(MongoSettings settings) {
    return MongoClientCache.get(settings.readUri()).getDatabase(settings.database())
        .getCollection(SourceCollections.ORDERS).withReadPreference(settings.readPreferenceObject());
  }

  /** Orders matching {@code filter} per month of their {@code created_at} (orders without a date left out). */
  public static Map<Period, Long> matching(MongoSettings settings, Bson filter) {
    Map<Period, Long> perMonth = new TreeMap<>();
    // $year/$month of a date are UTC, the periods' calendar
    for (Document month : orders(settings).aggregate(List.of(
        Aggregates.match(Filters.and(filter, Filters.type(OrderSchema.CREATED_AT, "date"))),
        Aggregates.group(new Document("y", new Document("$year", "$created_at"))
                .append("m", new Document("$month", "$created_at")),
            Accumulators.sum("orders", 1))))) {
      Document key = month.get("_id", Document.class);
      perMonth.put(Period.of(((Number) key.get("y")).intValue(), ((Number) key.get("m")).intValue()),
          ((Number) month.get("orders")).longValue());
    }
    return perMonth;
  }
}
