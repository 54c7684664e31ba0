package io.shopanalytics.jobs.report;

import io.shopanalytics.jobs.report.CustomerShapes.CustomerRow;
import io.shopanalytics.jobs.report.CustomerShapes.ScoreRow;
import io.shopanalytics.jobs.report.CustomerShapes.SegmentHistory;
import io.shopanalytics.jobs.report.CustomerShapes.Segments;
import io.shopanalytics.jobs.report.HealthShapes.Freshness;
import io.shopanalytics.jobs.report.HealthShapes.RunRow;
import io.shopanalytics.jobs.report.HealthShapes.ShardBalance;
import io.shopanalytics.jobs.report.SalesShapes.DayRow;
import io.shopanalytics.jobs.report.SalesShapes.MonthRow;
import io.shopanalytics.jobs.report.SalesShapes.ProductRow;
import io.shopanalytics.jobs.report.SalesShapes.ProductTrend;
import io.shopanalytics.jobs.report.SalesShapes.ShareByMonth;
import java.time.Instant;
import java.util.List;

/**
 * Everything one report shows, shaped: the template prints its tables, the page's script draws its
 * charts from the same object (embedded as JSON), so a chart and the figures behind it cannot differ.
 */
public record ReportModel(String database, String currency, String generatedAt, boolean empty, String period,
    List<MonthRow> months, List<DayRow> days, ShareByMonth categories, ShareByMonth payments,
    List<ProductRow> topProducts, ProductTrend productTrend, Segments segments, List<ScoreRow> scores,
    SegmentHistory segmentHistory, List<CustomerRow> topCustomers, List<RunRow> runs, Freshness freshness,
    ShardBalance shardBalance) {
  /** Products listed for the detailed month. */
  static final int TOP_PRODUCTS = 10;

  public static ReportModel of(ReportSource source, String database, String currency, Instant now) {
    List<MonthRow> months = SalesShapes.monthly(source.months());
    List<String> periods = months.stream().map(MonthRow::period).toList();
    List<ProductRow> topProducts = SalesShapes.topProducts(source.detail(), TOP_PRODUCTS);
    List<ProductRow> tracked = topProducts.subList(0, Math.min(ReportReader.TRACKED_PRODUCTS, topProducts.size()));
    return new ReportModel(database, currency, Figures.instant(now), source.empty(),
        source.detail() == null ? null : source.detail().getString("period"),
        months, SalesShapes.daily(source.detail()),
        SalesShapes.shares(source.months(), "by_category", "category"),
        SalesShapes.shares(source.months(), "by_payment_method", "method"),
        topProducts, SalesShapes.productTrend(periods, tracked, source.productTrend()),
        CustomerShapes.segments(source.segments(), source.snapshot()), CustomerShapes.scores(source.scores()),
        CustomerShapes.history(source.segmentHistory()), CustomerShapes.topCustomers(source.topCustomers()),
        HealthShapes.runs(source.runs()), HealthShapes.freshness(source.runs(), source.lastWritten(), now),
        HealthShapes.shardBalance(source.runs()));
  }
}
