package io.shopanalytics.common.incremental;

import io.shopanalytics.common.mongo.SourceCollections;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.time.Period;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The months that hold orders not yet processed ({@code analytics_processed} not true: new orders,
 * and orders the application changed and reset). The {@code $match} is on the
 * {@code analytics_processed} index, so only the unprocessed orders are touched, not the history.
 */
public final class DirtyMonths {
  private static final Bson UNPROCESSED = Filters.ne(OrderSchema.ANALYTICS_PROCESSED, true);

  private DirtyMonths() {}

  /** What is dirty: unprocessed orders per month, and those without a valid created_at (rejects). */
  public record Found(Map<Period, Long> ordersPerMonth, long withoutValidDate) {
    public List<Period> months() {
      return List.copyOf(ordersPerMonth.keySet());
    }

    public long orders() {
      return ordersPerMonth.values().stream().mapToLong(Long::longValue).sum() + withoutValidDate;
    }

    /** {"2024-11": 12, ...} for the run summary. */
    public Map<String, Long> describe() {
      Map<String, Long> months = new TreeMap<>();
      ordersPerMonth.forEach((period, count) -> months.put(period.id(), count));
      return months;
    }
  }

  public static Found find(MongoSettings settings) {
    MongoCollection<Document> orders = MongoClientCache.get(settings.readUri())
        .getDatabase(settings.database()).getCollection(SourceCollections.ORDERS)
        .withReadPreference(settings.readPreferenceObject());
    Map<Period, Long> perMonth = new TreeMap<>();
    // $year/$month of a date are UTC, the periods' calendar
    for (Document month : orders.aggregate(List.of(
        Aggregates.match(Filters.and(UNPROCESSED, Filters.type(OrderSchema.CREATED_AT, "date"))),
        Aggregates.group(new Document("y", new Document("$year", "$created_at"))
                .append("m", new Document("$month", "$created_at")),
            Accumulators.sum("orders", 1))))) {
      Document key = month.get("_id", Document.class);
      perMonth.put(Period.of(((Number) key.get("y")).intValue(), ((Number) key.get("m")).intValue()),
          ((Number) month.get("orders")).longValue());
    }
    long withoutDate = orders.countDocuments(
        Filters.and(UNPROCESSED, Filters.not(Filters.type(OrderSchema.CREATED_AT, "date"))));
    return new Found(perMonth, withoutDate);
  }
}
