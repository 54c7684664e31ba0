package io.shopanalytics.common.source.plan;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.source.ReadPartition;
import io.shopanalytics.common.source.ReadPlan;
import io.shopanalytics.common.source.ReadScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.Document;

/**
 * Splits the scope into {@code created_at} ranges of about the target size each, sized from counts
 * of the data itself ({@link TimeSliceSizing}: a month of Black Friday gets more slices than a quiet
 * one), plus one partition for orders without a valid {@code created_at} (rejects). Every query it
 * sends, and every partition's read, is backed by the {@code created_at} index, so a one-month run
 * over years of history reads that month only.
 */
public final class TimeSlicePlanner implements EstimatedPlanner {
  public static final String NAME = "time-slices";
  private static final String FIELD = "created_at";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ReadPlan plan(MongoClient client, MongoSettings settings, String collection, ReadScope scope,
      int targetDocuments, ScopeEstimate estimate) {
    MongoCollection<Document> orders = client.getDatabase(settings.database()).getCollection(collection)
        .withReadPreference(settings.readPreferenceObject());
    List<ReadPartition> partitions = new ArrayList<>();
    Instant low = scope.from() != null ? scope.from() : boundary(orders, 1);
    Instant high = scope.until() != null ? scope.until() : plusOneMilli(boundary(orders, -1));
    long inScope = 0;
    if (low != null && high != null && low.isBefore(high)) {
      inScope = estimate.scopeDocuments();
      List<TimeSliceSizing.Slice> slices = TimeSliceSizing.slices(low.toEpochMilli(), high.toEpochMilli(), inScope,
          targetDocuments, (from, until) -> orders.countDocuments(range(Instant.ofEpochMilli(from), Instant.ofEpochMilli(until))));
      for (TimeSliceSizing.Slice slice : slices) {
        partitions.add(ReadPartition.builder(partitions.size())
            .filter(range(Instant.ofEpochMilli(slice.low()), Instant.ofEpochMilli(slice.high())))
            .estimatedDocuments(slice.documents())
            .build());
      }
    }
    partitions.add(ReadPartition.builder(partitions.size())
        .filter(Filters.not(Filters.type(FIELD, "date")).toBsonDocument())
        .estimatedDocuments(0)
        .build());
    String reason = String.format("about %d of %d orders in %s, split into %d created_at slices sized from counts "
        + "(target %d), plus one partition for orders without a valid created_at", inScope,
        estimate.collectionDocuments(), scope, partitions.size() - 1, targetDocuments);
    return new ReadPlan(NAME, reason, partitions);
  }

  private static BsonDocument range(Instant low, Instant high) {
    return new BsonDocument(FIELD, new BsonDocument("$gte", new BsonDateTime(low.toEpochMilli()))
        .append("$lt", new BsonDateTime(high.toEpochMilli())));
  }

  /** The smallest (direction 1) or largest (-1) date-typed created_at, or null when there is none. */
  private static Instant boundary(MongoCollection<Document> orders, int direction) {
    Document first = orders.find(Filters.type(FIELD, "date"))
        .sort(direction > 0 ? Sorts.ascending(FIELD) : Sorts.descending(FIELD))
        .projection(Projections.include(FIELD))
        .limit(1)
        .first();
    return first == null ? null : first.getDate(FIELD).toInstant();
  }

  private static Instant plusOneMilli(Instant instant) {
    return instant == null ? null : instant.plusMillis(1);
  }
}
