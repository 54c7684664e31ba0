package io.shopanalytics.jobs.analytics;

import io.shopanalytics.common.mongo.SourceCollections;
import io.shopanalytics.common.source.reader.ReferenceCollections;
import io.shopanalytics.common.source.strategy.ReadStrategies;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The products and users a run's outputs need beside the orders, read the same shard-aware way:
 * products for the catalogue that goes to every read task, users (only when customer analytics are
 * wanted) for the emails that join the aggregation's shuffle. A run reads them into Spark's cache
 * ({@link #cached}) beside the orders' plan ({@link ReferenceRead}).
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

  /** Read now, into the cache: the run's read then takes them from memory. */
  static ReferenceData cached(SparkSession spark, RunRequest request) {
    ReferenceData read = of(spark, request);
    ReferenceData cached = new ReferenceData(read.products().persist(StorageLevel.MEMORY_AND_DISK()),
        read.users() == null ? null : read.users().persist(StorageLevel.MEMORY_AND_DISK()));
    try {
      cached.products().count();
      if (cached.users() != null) {
        cached.users().count();
      }
      return cached;
    } catch (RuntimeException e) {
      cached.release();
      throw e;
    }
  }

  void release() {
    products.unpersist(false);
    if (users != null) {
      users.unpersist(false);
    }
  }
}
