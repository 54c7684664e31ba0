package io.shopanalytics.common.source.reader;

import io.shopanalytics.common.mongo.SourceCollections;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Projections;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.source.OrdersSource;
import io.shopanalytics.common.source.ReadMetrics;
import io.shopanalytics.common.source.ReadPlan;
import io.shopanalytics.common.source.ReadScope;
import io.shopanalytics.common.source.plan.PartitionPlanner;
import io.shopanalytics.common.config.ReadSettings;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bson.BsonDocument;

/** Orders read by this project's own reader along the partitions of a {@link PartitionPlanner}. */
public final class PlannedOrdersSource implements OrdersSource {
  private static final Logger LOG = LogManager.getLogger(PlannedOrdersSource.class);

  private final MongoSettings settings;
  private final PartitionPlanner planner;
  private final ReadScope scope;
  private final int targetDocuments;
  private final MetadataWatch watch;
  private ReadPlan plan;
  private ReadMetrics metrics;

  public PlannedOrdersSource(MongoSettings settings, PartitionPlanner planner, ReadScope scope, int targetDocuments) {
    this.settings = settings;
    this.planner = planner;
    this.scope = scope;
    this.targetDocuments = ReadSettings.requirePartitionDocs(targetDocuments);
    this.watch = new MetadataWatch(settings, SourceCollections.ORDERS);
  }

  @Override
  public ReadPlan plan() {
    if (plan == null) {
      String version = watch.mark(); // before planning: a change during planning is caught too
      MongoClient client = MongoClientCache.get(settings.readUri());
      plan = planner.plan(client, settings, SourceCollections.ORDERS, scope, targetDocuments)
          .asRun(version, settings.describeReadPreference());
      LOG.info("Read plan for orders {}: strategy={}, {} partitions {}, read preference {}; {}", scope, plan.strategy(),
          plan.partitions().size(), plan.partitionsPerShard(), plan.readPreference(), plan.reason());
    }
    return plan;
  }

  @Override
  public Dataset<Row> read(SparkSession spark) {
    metrics = new ReadMetrics(spark.sparkContext(), "orders read per shard");
    return RawCollectionReader.read(spark, settings, SourceCollections.ORDERS, plan(), projection(), metrics);
  }

  @Override
  public boolean metadataChangedSincePlan() {
    return watch.changed();
  }

  @Override
  public void replan() {
    plan = null;
    watch.reset();
  }

  @Override
  public ReadMetrics metrics() {
    return metrics;
  }

  /** Only the fields validation and the aggregates use. */
  public static BsonDocument projection() {
    return Projections.include(OrderSchema.SOURCE_FIELDS).toBsonDocument();
  }
}
