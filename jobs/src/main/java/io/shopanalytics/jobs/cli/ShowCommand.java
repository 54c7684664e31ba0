package io.shopanalytics.jobs.cli;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.shopanalytics.common.config.ConfigException;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.sink.AnalyticsIndexes;
import io.shopanalytics.jobs.options.ConnectionOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bson.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A short, readable view of what the analytics jobs wrote (no Spark involved). */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Prints the last runs, the month totals, top categories and products, customer segments and "
        + "rejected orders by reason.")
public final class ShowCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Option(names = "--period", paramLabel = "YYYY-MM",
      description = "Month to detail. Default: the latest month in sales_analytics.")
  String period;

  @Option(names = "--runs", paramLabel = "N", description = "How many of the last runs to list. Default: 10.")
  int runs = 10;

  PrintStream out = System.out;

  @Override
  public Integer call() {
    MongoSettings settings = connection.settings(AnalyticsCommand.sparkConf(), System.getenv());
    try (MongoClient client = MongoClientCache.create(settings.uri())) {
      MongoDatabase db = client.getDatabase(settings.database());
      printRuns(db);
      List<Document> months = db.getCollection(AnalyticsIndexes.SALES_ANALYTICS).find()
          .sort(Sorts.ascending("period")).into(new java.util.ArrayList<>());
      if (months.isEmpty()) {
        throw new IllegalStateException("sales_analytics in database " + settings.database()
            + " is empty: run the analytics jobs first");
      }
      out.println("Sales by month (sale orders, revenue, customers, average order value)");
      for (Document month : months) {
        Document totals = month.get("totals", Document.class);
        out.printf("  %s  %8d  %14s  %7d  %9s%n", month.getString("period"), totals.getLong("total_orders"),
            totals.get("total_revenue"), totals.getLong("total_customers"), totals.get("average_order_value"));
      }
      Document detail = period == null ? months.get(months.size() - 1)
          : months.stream().filter(m -> period.equals(m.getString("period"))).findFirst()
              .orElseThrow(() -> new ConfigException("--period " + period + " has no sales_analytics document"));
      out.println();
      out.println("Top categories in " + detail.getString("period"));
      for (Document category : detail.getList("by_category", Document.class).stream().limit(5).toList()) {
        out.printf("  %-20s %14s  %5.1f%%%n", category.getString("category"), category.get("revenue"),
            category.getDouble("percentage"));
      }
      out.println("Top products in " + detail.getString("period"));
      for (Document product : detail.getList("top_products", Document.class).stream().limit(5).toList()) {
        out.printf("  %-16s %-40s %6d  %12s%n", product.getString("sku"), product.getString("name"),
            product.getLong("quantity_sold"), product.get("revenue"));
      }
      out.println("Customer segments");
      for (Document segment : db.getCollection(AnalyticsIndexes.CUSTOMER_ANALYTICS).aggregate(List.of(
          Aggregates.group("$customer_segment", Accumulators.sum("customers", 1)),
          Aggregates.sort(Sorts.descending("customers"))))) {
        out.printf("  %-12s %8d%n", segment.getString("_id"), ((Number) segment.get("customers")).longValue());
      }
      long rejects = db.getCollection(AnalyticsIndexes.REJECTS).countDocuments(Filters.empty());
      out.println("Rejected orders on record: " + rejects);
      for (Document reason : db.getCollection(AnalyticsIndexes.REJECTS).aggregate(List.of(
          Aggregates.group("$reason", Accumulators.sum("orders", 1)),
          Aggregates.sort(Sorts.orderBy(Sorts.descending("orders"), Sorts.ascending("_id")))))) {
        out.printf("  %-40s %8d%n", reason.getString("_id"), ((Number) reason.get("orders")).longValue());
      }
    }
    return 0;
  }

  /** The last runs from analytics_runs, newest first: a run killed outright shows {@code running}. */
  private void printRuns(MongoDatabase db) {
    List<Document> last = db.getCollection(AnalyticsIndexes.RUNS).find().sort(Sorts.descending("started_at"))
        .limit(runs).into(new ArrayList<>());
    if (last.isEmpty()) {
      return; // no run records yet: a database the jobs have not run on, or written before they kept records
    }
    out.println("Last runs (started, run id, job, status, periods or a stream's batches, as-of, finished)");
    for (Document run : last) {
      // a stream's own record has no months: its progress instead
      Object scope = run.containsKey("batches") ? run.get("batches") + " batches, " + run.get("changes") + " changes"
          : run.get("periods");
      out.printf("  %s  %-30s %-18s %-9s %-20s %-10s %s%n", run.getDate("started_at").toInstant(), run.get("_id"),
          run.get("job"), run.get("status"), scope, run.get("as_of") == null ? "-" : run.get("as_of"),
          run.getDate("finished_at") == null ? "-" : run.getDate("finished_at").toInstant());
    }
    out.println();
  }
}
