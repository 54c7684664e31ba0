package io.shopanalytics.jobs.stream;

import com.mongodb.client.model.Filters;
import io.shopanalytics.common.changes.ChangeStreamLostException;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.incremental.OrderMonths;
import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.time.Period;
import java.time.Instant;
import java.util.Date;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a stream that lost its place must tell: since when changes may be missing, and which months
 * to recompute in batch. The months are those of the orders updated since then ({@code updated_at});
 * a deleted order leaves nothing to find, which the message says.
 */
final class LostChanges {
  private LostChanges() {}

  record Recovery(Instant since, SortedSet<Period> months, String message) {}

  static Recovery of(ChangeStreamLostException lost, MongoSettings settings, String checkpoint) {
    Instant since = lost.since();
    SortedSet<Period> months = since == null ? new TreeSet<>() : monthsUpdatedSince(settings, since);
    StringBuilder message = new StringBuilder(lost.getMessage()).append(". ");
    if (since == null) {
      message.append("When the stream lost its place is not known: recompute every month in batch");
    } else {
      message.append("Changes made since ").append(since).append(" may be missing from the analytics. ");
      message.append(months.isEmpty() ? "No order has been updated since then"
          : "Months holding orders updated since then: " + String.join(", ", months.stream().map(Period::id).toList()));
      message.append("; orders deleted since then leave no trace: if any were, recompute every month");
    }
    message.append(". To recover: start the stream with a new --checkpoint (not ").append(checkpoint)
        .append("; it listens from now), then recompute in batch");
    if (!months.isEmpty()) {
      message.append(": submit/spark-submit.sh all --mode full --from ").append(months.first().id())
          .append(" --to ").append(months.last().id());
    }
    return new Recovery(since, months, message.toString());
  }

  private static SortedSet<Period> monthsUpdatedSince(MongoSettings settings, Instant since) {
    return new TreeSet<>(OrderMonths.matching(settings, Filters.gte(OrderSchema.UPDATED_AT, Date.from(since))).keySet());
  }
}
