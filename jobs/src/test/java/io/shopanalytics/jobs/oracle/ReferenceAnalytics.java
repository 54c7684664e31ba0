package io.shopanalytics.jobs.oracle;

import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;

/**
 * An independent, deliberately plain (no Spark) implementation of docs/CONTRACT.md plus the
 * lead's output decisions, used as the oracle of randomized comparisons with the Spark jobs.
 *
 * <p>Pipeline: decide which orders the run reads; reject malformed ones (counted by reason); keep
 * the valid sales; then per requested period build product_analytics and sales_analytics, and over
 * all sales up to as_of build customer_analytics.
 */
public final class ReferenceAnalytics {
  private ReferenceAnalytics() {}

  /**
   * @param periods the requested periods (product and sales analytics); may be empty
   * @param asOf the as_of day of customer analytics; null for a run without customer analytics
   *     (then only the periods decide which orders are read)
   */
  public static ReferenceResult compute(
      List<Document> orders, List<Document> products, List<Document> users, List<Period> periods, AsOf asOf) {
    ReferenceCatalog catalog = new ReferenceCatalog(products, users);
    SortedSet<Period> requested = new TreeSet<>(periods);
    Scope scope = new Scope(requested, asOf);

    Map<String, Long> rejectsByReason = new TreeMap<>();
    Map<Object, String> rejectReasonByOrderId = new LinkedHashMap<>();
    List<SaleOrder> sales = new ArrayList<>();
    long ordersRead = 0;
    for (Document order : orders) {
      if (!scope.reads(order)) {
        continue;
      }
      ordersRead++;
      Optional<String> reason = ReferenceValidation.rejectReason(order);
      if (reason.isPresent()) {
        rejectsByReason.merge(reason.get(), 1L, Long::sum);
        rejectReasonByOrderId.put(order.get("_id"), reason.get());
        continue;
      }
      ReferenceOrders.saleOf(order, catalog).ifPresent(sales::add);
    }

    List<Document> productAnalytics = new ArrayList<>();
    List<Document> salesAnalytics = new ArrayList<>();
    for (Period period : requested) {
      List<SaleOrder> salesInPeriod = sales.stream().filter(s -> scope.inPeriod(s.createdAt(), period)).toList();
      productAnalytics.addAll(ReferenceProducts.forPeriod(period, salesInPeriod, catalog));
      ReferenceSales.forPeriod(period, salesInPeriod, catalog).ifPresent(salesAnalytics::add);
    }
    // forPeriod gives product_id order within a period; the result is by product_id, then period.
    productAnalytics.sort((a, b) -> {
      int byProduct = ReferenceIds.ASCENDING.compare(a.get("product_id"), b.get("product_id"));
      return byProduct != 0 ? byProduct : a.getString("period").compareTo(b.getString("period"));
    });

    List<Document> customerAnalytics = asOf == null
        ? List.of()
        : ReferenceCustomers.compute(
            sales.stream().filter(s -> scope.upToAsOf(s.createdAt())).toList(), asOf, catalog);

    // Every sale kept was read because it is in a period or up to as_of: each feeds some metric.
    return new ReferenceResult(
        Collections.unmodifiableList(productAnalytics),
        Collections.unmodifiableList(salesAnalytics),
        customerAnalytics,
        Collections.unmodifiableMap(rejectsByReason),
        Collections.unmodifiableMap(rejectReasonByOrderId),
        ordersRead,
        sales.size());
  }

  /** Which orders a run reads. */
  private record Scope(SortedSet<Period> periods, AsOf asOf) {
    /**
     * Orders with an invalid created_at are always read (they cannot be placed, and are counted as
     * rejects); the others when in a requested period or up to the end of the as_of day.
     */
    boolean reads(Document order) {
      if (!(order.get("created_at") instanceof Date createdAt)) {
        return true;
      }
      Instant at = createdAt.toInstant();
      return upToAsOf(at) || periods.stream().anyMatch(p -> inPeriod(at, p));
    }

    /** docs/CONTRACT.md, "Time": start <= created_at < next start (23:59:59.999 still belongs). */
    boolean inPeriod(Instant at, Period period) {
      return !at.isBefore(period.start()) && at.isBefore(period.nextStart());
    }

    boolean upToAsOf(Instant at) {
      return asOf != null && at.isBefore(asOf.endExclusive());
    }
  }
}
