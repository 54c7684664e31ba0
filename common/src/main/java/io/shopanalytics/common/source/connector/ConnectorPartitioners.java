package io.shopanalytics.common.source.connector;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.spark.sql.connector.read.partitioner.Partitioner;
import io.shopanalytics.common.config.ConnectorPartitionerOption;
import io.shopanalytics.common.config.SettingKeys;
import io.shopanalytics.common.source.plan.ScopeEstimate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;

/**
 * Which of the official connector's partitioners a {@code connector} read uses, and its options.
 *
 * <p>{@code auto} takes AutoBucketPartitioner (the connector's default: {@code $collStats}, then
 * {@code $sample} and {@code $bucketAuto} on {@code _id}), which works through mongos on hashed
 * shard keys. ShardedPartitioner would be the shard-aware choice but refuses hashed and compound
 * keys, and orders are sharded on a hashed {@code _id}. Where {@code $collStats} is missing (the
 * embedded server) AutoBucket, Sample and PaginateBySize fail; {@code auto} then takes
 * PaginateIntoPartitionsPartitioner with as many partitions as the scope needs at the target size
 * (it pages with {@code skip}: fine for a dev server, slow on big collections).
 */
public final class ConnectorPartitioners {
  static final String PACKAGE = ConnectorPartitionerOption.PACKAGE;
  static final String AUTO_BUCKET = PACKAGE + "AutoBucketPartitioner";
  static final String PAGINATE_INTO_PARTITIONS = PACKAGE + "PaginateIntoPartitionsPartitioner";
  private static final String MAX_PARTITIONS = "partitioner.options.max.number.of.partitions";

  private ConnectorPartitioners() {}

  static Partitioner instantiate(String className) {
    return ConnectorPartitionerOption.instantiate(className);
  }

  /**
   * The connector options that select the partitioner: {@code partitioner} and its
   * {@code partitioner.options.*}. The chosen partitioner always runs inside
   * {@link TypeCompletePartitioner}, so that no {@code _id} type falls between its partitions.
   */
  static Map<String, String> resolve(String option, MongoCollection<BsonDocument> collection, ScopeEstimate estimate,
      int targetDocuments) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("partitioner", TypeCompletePartitioner.class.getName());
    if (!option.equals(SettingKeys.AUTO_PARTITIONER)) {
      options.put(TypeCompletePartitioner.OPTION, ConnectorPartitionerOption.className(option));
    } else if (collStatsWorks(collection)) {
      options.put(TypeCompletePartitioner.OPTION, AUTO_BUCKET);
    } else {
      options.put(TypeCompletePartitioner.OPTION, PAGINATE_INTO_PARTITIONS);
      long partitions = Math.max(1, (estimate.scopeDocuments() + targetDocuments - 1) / targetDocuments);
      options.put(MAX_PARTITIONS, Long.toString(Math.min(Integer.MAX_VALUE, partitions)));
    }
    return options;
  }

  private static boolean collStatsWorks(MongoCollection<BsonDocument> collection) {
    try {
      collection.aggregate(List.of(BsonDocument.parse("{$collStats: {count: {}}}"))).first();
      return true;
    } catch (MongoCommandException e) {
      return false;
    }
  }
}
