package io.shopanalytics.bench;

import io.shopanalytics.common.mongo.SourceCollections;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.config.ReadSettings;
import io.shopanalytics.common.run.RunSummary;
import io.shopanalytics.common.source.OrdersSource;
import io.shopanalytics.common.source.ReadScope;
import io.shopanalytics.common.source.connector.ConnectorOrdersSource;
import io.shopanalytics.common.source.reader.ReferenceCollections;
import io.shopanalytics.common.source.strategy.ReadStrategies;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.common.validate.OrderValidation;
import io.shopanalytics.jobs.analytics.AnalyticsComputation;
import io.shopanalytics.jobs.analytics.AnalyticsOutput;
import io.shopanalytics.jobs.analytics.AnalyticsSuite;
import io.shopanalytics.jobs.analytics.RunRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The Spark figures of one data size: the scan floor and the connector's scan (plan, read, count),
 * the suite end to end, and the three aggregates alone on cached validated orders.
 */
final class AnalyticsBench {
  /** The window the loader fills: every month of 2024, customers as of its last day. */
  static final List<Period> PERIODS = Period.range(Period.parse("2024-01"), Period.parse("2024-12"));
  static final AsOf AS_OF = AsOf.parse("2024-12-31");

  private final SparkSession spark;
  private final MongoSettings settings;
  private final ReadSettings read;
  /** Stage seconds of the last suite run (the breakdown shown next to the median). */
  private Map<String, Object> lastSuiteSummary = Map.of();

  AnalyticsBench(SparkSession spark, MongoSettings settings, ReadSettings read) {
    this.spark = spark;
    this.settings = settings;
    this.read = read;
  }

  /** The scope the suite reads for {@code all} over the window (every order up to the as-of day). */
  ReadScope scope() {
    return ReadScope.between(null, AS_OF.endExclusive());
  }

  OrdersSource source(String strategy) {
    return ReadStrategies.orders(settings, read.withStrategy(strategy), scope());
  }

  /** Plans and reads every order of the window with {@code strategy}; nothing is decoded or computed. */
  long scan(String strategy) {
    return source(strategy).read(spark).count();
  }

  /** {@code all}: read once, validate, three aggregates, upserts; fails unless the run succeeded. */
  void suite(String strategy) throws Exception {
    RunSummary summary = new RunSummary("all");
    new AnalyticsSuite(spark).execute(RunRequest.builder(settings).read(read.withStrategy(strategy)).periods(PERIODS)
        .asOf(AS_OF).outputs(EnumSet.allOf(AnalyticsOutput.class)).build(), summary);
    lastSuiteSummary = summary.toMap();
  }

  Map<String, Object> lastSuiteSummary() {
    return lastSuiteSummary;
  }

  /** Validated orders, products and users, read once and cached: the input of the compute-only figure. */
  CachedInputs cacheInputs(String strategy) {
    Dataset<Row> validated = OrderValidation.validate(source(strategy).read(spark)).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> products = ReferenceCollections.products(spark, settings,
        ReadStrategies.collection(SourceCollections.PRODUCTS, settings, read.partitionDocs()))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> users = ReferenceCollections.users(spark, settings,
        ReadStrategies.collection(SourceCollections.USERS, settings, read.partitionDocs()))
        .persist(StorageLevel.MEMORY_AND_DISK());
    CachedInputs inputs = new CachedInputs(validated, products, users);
    inputs.counts().put("validated_orders", validated.count());
    inputs.counts().put("products", products.count());
    inputs.counts().put("users", users.count());
    return inputs;
  }

  /**
   * The three aggregates on the cached inputs, run concurrently as the suite runs them, each
   * consumed row by row in full (every column computed) instead of written.
   */
  Map<String, Long> computeOnly(CachedInputs inputs) throws Exception {
    Map<String, Long> rows = new LinkedHashMap<>();
    try (AnalyticsComputation computation = AnalyticsComputation.of(inputs.validated(), inputs.products(),
        inputs.users(), PERIODS, AS_OF)) {
      computation.materialize(); // as the suite does before its outputs
      ExecutorService pool = Executors.newFixedThreadPool(AnalyticsOutput.values().length);
      try {
        List<Future<Long>> running = new ArrayList<>();
        for (AnalyticsOutput output : AnalyticsOutput.values()) {
          running.add(pool.submit(() -> {
            spark.sparkContext().setLocalProperty("spark.scheduler.pool", output.pool());
            return consume(computation.output(output));
          }));
        }
        AnalyticsOutput[] outputs = AnalyticsOutput.values();
        for (int i = 0; i < outputs.length; i++) {
          rows.put(outputs[i].collection(), running.get(i).get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
    return rows;
  }

  /** Every row of {@code rows} built in full on the executors; only the count travels back. */
  static long consume(Dataset<Row> rows) {
    org.apache.spark.util.LongAccumulator seen = rows.sparkSession().sparkContext().longAccumulator();
    ForeachPartitionFunction<Row> each = partition -> {
      long count = 0;
      while (partition.hasNext()) {
        Row row = partition.next();
        if (row.length() > 0) {
          count++;
        }
      }
      seen.add(count);
    };
    rows.foreachPartition(each);
    return seen.value();
  }

  static String connectorStrategy() {
    return ConnectorOrdersSource.NAME;
  }

  static String suiteStrategy(Map<String, String> conf) {
    return ReadSettings.fromConf(conf).strategy();
  }

  /** The cached inputs of the compute-only and DuckDB figures. */
  record CachedInputs(Dataset<Row> validated, Dataset<Row> products, Dataset<Row> users, Map<String, Long> counts)
      implements AutoCloseable {
    CachedInputs(Dataset<Row> validated, Dataset<Row> products, Dataset<Row> users) {
      this(validated, products, users, new LinkedHashMap<>());
    }

    @Override
    public void close() {
      validated.unpersist();
      products.unpersist();
      users.unpersist();
    }
  }
}
