package io.shopanalytics.jobs.report;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.shopanalytics.common.sink.AnalyticsIndexes;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The report's queries. They touch only what the jobs wrote (the analytics collections, the run
 * records and the segment history), never {@code orders}: the report stays cheap after every run.
 */
public final class ReportReader {
  /** Run records, one per job run (written by the jobs; absent before the first recorded run). */
  public static final String RUNS = "analytics_runs";
  /** One document per as_of date: segment sizes over time (absent before the first customer run). */
  public static final String SEGMENT_HISTORY = "customer_segment_history";
  /** Products followed month by month in the product trend. */
  static final int TRACKED_PRODUCTS = 5;
  static final int TOP_CUSTOMERS = 10;

  private final MongoDatabase db;

  public ReportReader(MongoDatabase db) {
    this.db = db;
  }

  /** Everything the report shows; {@code period} is the month to detail, null for the latest. */
  public ReportSource read(String period, int runs) {
    List<Document> months = salesTrend(null, null);
    Document detail = detailMonth(months, period);
    List<Document> topProducts = detail == null ? List.of()
        : detail.getList("top_products", Document.class, List.of());
    List<Object> tracked = topProducts.stream().limit(TRACKED_PRODUCTS).map(p -> p.get("product_id")).toList();
    return new ReportSource(months, detail, productTrend(tracked), segmentSizes(), scoreDistribution(),
        snapshotDate(), topCustomers(TOP_CUSTOMERS), segmentHistory(), lastRuns(runs),
        lastWritten(AnalyticsIndexes.SALES_ANALYTICS));
  }

  /** Month totals and breakdowns in period order, optionally limited to [from, to] (YYYY-MM). */
  public List<Document> salesTrend(String from, String to) {
    List<Bson> range = new ArrayList<>();
    if (from != null) {
      range.add(Filters.gte("period", from));
    }
    if (to != null) {
      range.add(Filters.lte("period", to));
    }
    return db.getCollection(AnalyticsIndexes.SALES_ANALYTICS)
        .find(range.isEmpty() ? Filters.empty() : Filters.and(range))
        .projection(Projections.exclude("top_products"))
        .sort(Sorts.ascending("period")).into(new ArrayList<>());
  }

  /** A month's top products as stored (revenue order), null when the month has no document. */
  public List<Document> topProducts(String period, int limit) {
    Document month = db.getCollection(AnalyticsIndexes.SALES_ANALYTICS).find(Filters.eq("period", period))
        .projection(Projections.slice("top_products", limit)).first();
    return month == null ? null : month.getList("top_products", Document.class, List.of());
  }

  private Document detailMonth(List<Document> months, String period) {
    if (months.isEmpty()) {
      return null;
    }
    String wanted = period != null ? period : months.get(months.size() - 1).getString("period");
    return db.getCollection(AnalyticsIndexes.SALES_ANALYTICS).find(Filters.eq("period", wanted)).first();
  }

  private List<Document> productTrend(List<Object> productIds) {
    if (productIds.isEmpty()) {
      return List.of();
    }
    return db.getCollection(AnalyticsIndexes.PRODUCT_ANALYTICS).find(Filters.in("product_id", productIds))
        .projection(Projections.include("product_id", "sku", "name", "period", "metrics"))
        .sort(Sorts.ascending("period")).into(new ArrayList<>());
  }

  /** Customers per segment of the current snapshot: {@code {_id: segment, customers}}. */
  public List<Document> segmentSizes() {
    return groupCount("$customer_segment");
  }

  private List<Document> scoreDistribution() {
    return groupCount("$rfm_score.total");
  }

  private List<Document> groupCount(String key) {
    return db.getCollection(AnalyticsIndexes.CUSTOMER_ANALYTICS).aggregate(List.of(
        Aggregates.group(key, Accumulators.sum("customers", 1)),
        Aggregates.sort(Sorts.ascending("_id")))).into(new ArrayList<>());
  }

  private Document snapshotDate() {
    return db.getCollection(AnalyticsIndexes.CUSTOMER_ANALYTICS).find()
        .projection(Projections.include("as_of")).sort(Sorts.descending("as_of")).first();
  }

  private List<Document> topCustomers(int limit) {
    return db.getCollection(AnalyticsIndexes.CUSTOMER_ANALYTICS).find()
        .projection(Projections.include("user_id", "email", "customer_segment", "lifetime_metrics", "rfm_score"))
        .sort(Sorts.orderBy(Sorts.descending("lifetime_metrics.total_spent"), Sorts.ascending("user_id")))
        .limit(limit).into(new ArrayList<>());
  }

  private List<Document> segmentHistory() {
    return db.getCollection(SEGMENT_HISTORY).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
  }

  private List<Document> lastRuns(int limit) {
    return db.getCollection(RUNS).find().sort(Sorts.descending("started_at")).limit(limit)
        .into(new ArrayList<>());
  }

  private Document lastWritten(String collection) {
    return db.getCollection(collection).find().projection(Projections.include("updated_at"))
        .sort(Sorts.descending("updated_at")).first();
  }
}
