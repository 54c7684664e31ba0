package io.shopanalytics.jobs.analytics;

import io.shopanalytics.common.mongo.SourceCollections;
import io.shopanalytics.common.source.reader.ReferenceCollections;
import io.shopanalytics.common.source.strategy.ReadStrategies;
import io.shopanalytics.common.validate.ValidatedOrders;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/** The products and users a run's outputs need beside the orders, read the same shard-aware way. */
final class ReferenceData {
  private ReferenceData() {}

  /** The run's computation over its validated orders; the users, read only for customer analytics, stay cached for the run. */
  static AnalyticsComputation computation(SparkSession spark, RunRequest request, ValidatedOrders validated,
      RunResources resources) {
    int partitionDocs = request.read().partitionDocs();
    Dataset<Row> products = ReferenceCollections.products(spark, request.mongo(),
        ReadStrategies.collection(SourceCollections.PRODUCTS, request.mongo(), partitionDocs));
    Dataset<Row> users = null;
    if (request.wants(AnalyticsOutput.CUSTOMER)) {
      // cached: the RFM cut points and the final rows both need them
      users = resources.keep(ReferenceCollections.users(spark, request.mongo(),
          ReadStrategies.collection(SourceCollections.USERS, request.mongo(), partitionDocs))
          .persist(StorageLevel.MEMORY_AND_DISK()));
    }
    return AnalyticsComputation.of(validated.rows(), products, users, request.periods(), request.asOf());
  }
}
