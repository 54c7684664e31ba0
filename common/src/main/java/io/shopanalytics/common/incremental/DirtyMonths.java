package io.shopanalytics.common.incremental;

import com.mongodb.client.model.Filters;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.time.Period;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    Map<Period, Long> perMonth = OrderMonths.matching(settings, UNPROCESSED);
    long withoutDate = OrderMonths.orders(settings).countDocuments(
        Filters.and(UNPROCESSED, Filters.not(Filters.type(OrderSchema.CREATED_AT, "date"))));
    return new Found(perMonth, withoutDate);
  }

}
