package io.shopanalytics.jobs.oracle;

import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * What the analytics jobs must write for one run, computed by {@link ReferenceAnalytics}.
 * Documents carry neither {@code _id} nor {@code created_at} / {@code updated_at}.
 *
 * @param productAnalytics product_analytics documents, by product_id hex then period
 * @param salesAnalytics sales_analytics documents, by period
 * @param customerAnalytics customer_analytics documents, by user_id hex
 * @param rejectsByReason reject count per reason code, only reasons that occurred, sorted by code
 * @param rejectReasonByOrderId the reason of every rejected order read, keyed by the order's _id
 *     (as in the source), in input order; for checking analytics_rejects
 * @param ordersRead orders the run reads: those with an invalid created_at, plus those whose
 *     created_at is in a requested period or before the end of the as_of day
 * @param salesCounted distinct sale orders used by at least one metric
 */
public record ReferenceResult(
    List<Document> productAnalytics,
    List<Document> salesAnalytics,
    List<Document> customerAnalytics,
    Map<String, Long> rejectsByReason,
    Map<Object, String> rejectReasonByOrderId,
    long ordersRead,
    long salesCounted) {}
