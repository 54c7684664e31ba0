package io.shopanalytics.jobs.analytics;

import io.shopanalytics.common.sink.AnalyticsIndexes;
import java.util.List;
import java.util.Set;

/** The three outputs: collection, unique key, and how their jobs are labelled. */
public enum AnalyticsOutput {
  PRODUCT("product-analytics", AnalyticsIndexes.PRODUCT_ANALYTICS,
      "Per product and month: orders, quantity, revenue, daily breakdown, top customers."),
  SALES("sales-analytics", AnalyticsIndexes.SALES_ANALYTICS,
      "Per month: totals, by category, by payment method, top products, daily trend."),
  CUSTOMER("customer-analytics", AnalyticsIndexes.CUSTOMER_ANALYTICS,
      "Per customer up to --as-of: lifetime metrics, behaviour, RFM scores and segment.");

  /** Fields that hold identifiers, wherever they are nested. */
  public static final Set<String> ID_FIELDS = Set.of("product_id", "user_id", "_id");

  private final String jobName;
  private final String collection;
  private final String description;

  AnalyticsOutput(String jobName, String collection, String description) {
    this.jobName = jobName;
    this.collection = collection;
    this.description = description;
  }

  /** One line for the job's --help. */
  public String description() {
    return description;
  }

  public String jobName() {
    return jobName;
  }

  public String collection() {
    return collection;
  }

  public List<String> key() {
    return AnalyticsIndexes.key(collection);
  }

  /** Spark UI job group, e.g. PRODUCT-ANALYTICS. */
  public String label() {
    return jobName.toUpperCase(java.util.Locale.ROOT);
  }

  /** FAIR scheduler pool of its jobs (conf/fairscheduler.xml). */
  public String pool() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether the output uses periods (product, sales) rather than the as-of day (customer). */
  public boolean periodic() {
    return this != CUSTOMER;
  }
}
