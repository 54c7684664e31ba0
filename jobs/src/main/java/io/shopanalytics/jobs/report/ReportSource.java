package io.shopanalytics.jobs.report;

import java.util.List;
import org.bson.Document;

/**
 * The documents the report is drawn from, as read ({@link ReportReader}); empty lists and nulls for
 * what does not exist yet.
 *
 * @param months sales_analytics without top_products, in period order
 * @param detail the detailed month's whole sales_analytics document, null when there is none
 * @param productTrend product_analytics of the detailed month's leading products, all months
 * @param segments {@code {_id: segment, customers}}
 * @param scores {@code {_id: rfm total, customers}}
 * @param snapshot a customer_analytics document holding the latest {@code as_of}, or null
 * @param topCustomers customer_analytics by descending spend
 * @param segmentHistory customer_segment_history in date order
 * @param runs analytics_runs, newest first
 * @param lastWritten the sales_analytics document written last (its {@code updated_at}), or null
 */
public record ReportSource(List<Document> months, Document detail, List<Document> productTrend,
    List<Document> segments, List<Document> scores, Document snapshot, List<Document> topCustomers,
    List<Document> segmentHistory, List<Document> runs, Document lastWritten) {

  public boolean empty() {
    return months.isEmpty();
  }
}
