package io.shopanalytics.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.shopanalytics.common.time.Period;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What the report's questions cost without the analytics collections: one aggregation pipeline over
 * {@code orders} each (sale statuses, line revenue = quantity × unit_price). They answer the same
 * question in the simplest form the server can run, without the jobs' validation or exact-decimal
 * rules, so they are a lower bound of the raw-data cost, not a replacement for the jobs.
 */
final class RawQueries {
  private final MongoCollection<Document> orders;
  private final List<String> saleStatuses;

  RawQueries(MongoCollection<Document> orders, List<String> saleStatuses) {
    this.orders = orders;
    this.saleStatuses = saleStatuses;
  }

  private static final Document LINE_REVENUE = new Document("$multiply", List.of("$items.quantity", "$items.unit_price"));

  /** Sale orders, revenue and distinct customers per month of the year. */
  List<Document> salesTrend(int year) {
    Period first = Period.of(year, 1);
    Period last = Period.of(year, 12);
    return aggregate(List.of(
        sales(first.start(), last.nextStart()),
        Aggregates.unwind("$items"),
        Aggregates.group(new Document("month", new Document("$month", "$created_at")).append("order", "$_id"),
            Accumulators.first("user", "$user_id"), Accumulators.sum("revenue", LINE_REVENUE)),
        Aggregates.group("$_id.month", Accumulators.sum("orders", 1), Accumulators.sum("revenue", "$revenue"),
            Accumulators.addToSet("customers", "$user")),
        Aggregates.project(Projections.fields(Projections.include("orders", "revenue"),
            Projections.computed("customers", new Document("$size", "$customers")))),
        Aggregates.sort(Sorts.ascending("_id"))));
  }

  /** The month's products by revenue. */
  List<Document> topProducts(String month, int limit) {
    Period period = Period.parse(month);
    return aggregate(List.of(
        sales(period.start(), period.nextStart()),
        Aggregates.unwind("$items"),
        Aggregates.group("$items.product_id", Accumulators.sum("quantity", "$items.quantity"),
            Accumulators.sum("revenue", LINE_REVENUE)),
        Aggregates.sort(Sorts.orderBy(Sorts.descending("revenue"), Sorts.ascending("_id"))),
        Aggregates.limit(limit)));
  }

  /**
   * Per-customer orders, spend and last order: the input of RFM scoring. Scoring (percentiles over
   * all customers) and segmenting would come on top, so the raw figure understates the real cost.
   */
  List<Document> customerTotals() {
    return aggregate(List.of(
        Aggregates.match(Filters.in("status", saleStatuses)),
        Aggregates.unwind("$items"),
        Aggregates.group("$_id", Accumulators.first("user", "$user_id"), Accumulators.first("at", "$created_at"),
            Accumulators.sum("revenue", LINE_REVENUE)),
        Aggregates.group("$user", Accumulators.sum("orders", 1), Accumulators.sum("spent", "$revenue"),
            Accumulators.max("last", "$at"))));
  }

  private Bson sales(Instant from, Instant to) {
    return Aggregates.match(Filters.and(Filters.gte("created_at", Date.from(from)),
        Filters.lt("created_at", Date.from(to)), Filters.in("status", saleStatuses)));
  }

  private List<Document> aggregate(List<Bson> pipeline) {
    return orders.aggregate(pipeline).allowDiskUse(true).into(new ArrayList<>());
  }
}
