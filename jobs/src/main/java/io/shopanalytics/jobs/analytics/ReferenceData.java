package io.shopanalytics.jobs.analytics;

import io.shopanalytics.common.mongo.SourceCollections;
import io.shopanalytics.common.source.reader.ReferenceCollections;
import io.shopanalytics.common.source.strategy.ReadStrategies;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The products and users a run's outputs need beside the orders, read the same shard-aware way:
 * products before the orders (the catalogue goes to every read task), users with them (their
 * emails join the aggregation's shuffle), only when customer analytics are wanted.
 */
record ReferenceData(Dataset<Row> products, Dataset<Row> users) {
  static ReferenceData of(SparkSession spark, RunRequest request) {
    int partitionDocs = request.read().partitionDocs();
    Dataset<Row> products = ReferenceCollections.products(spark, request.mongo(),
        ReadStrategies.collection(SourceCollections.PRODUCTS, request.mongo(), partitionDocs));
    Dataset<Row> users = !request.wants(AnalyticsOutput.CUSTOMER) ? null
        : ReferenceCollections.users(spark, request.mongo(),
            ReadStrategies.collection(SourceCollections.USERS, request.mongo(), partitionDocs));
    return new ReferenceData(products, users);
  }
}
