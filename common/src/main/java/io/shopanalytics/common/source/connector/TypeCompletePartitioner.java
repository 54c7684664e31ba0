package io.shopanalytics.common.source.connector;

import com.mongodb.spark.sql.connector.config.ReadConfig;
import com.mongodb.spark.sql.connector.read.MongoInputPartition;
import com.mongodb.spark.sql.connector.read.partitioner.Partitioner;
import io.shopanalytics.common.source.plan.KeyRangeFilter;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonValue;

/**
 * A connector partitioner that runs another one (option {@value #DELEGATE}) and widens each
 * partition's {@code _id} bounds to their index-order meaning with {@link KeyRangeFilter}.
 *
 * <p>Why: the connector's partitioners bound partitions with plain {@code {_id: {$gte: a, $lt: b}}}
 * (the first without {@code $gte}, the last without {@code $lt}). Query comparisons are
 * type-bracketed, so orders whose {@code _id} type differs from the boundaries' (legacy int or
 * string ids among ObjectIds) fall into no partition and are silently lost; a bucket from an int to
 * an ObjectId matches nothing at all. Found on the embedded server with PaginateIntoPartitions; the
 * same holds for AutoBucket's buckets. Partitions without {@code _id} bounds are left as they are.
 */
public final class TypeCompletePartitioner implements Partitioner {
  /** Partitioner option naming the connector partitioner to run. */
  public static final String DELEGATE = "delegate";
  public static final String OPTION = "partitioner.options." + DELEGATE;
  private static final String ID = "_id";

  public TypeCompletePartitioner() {}

  @Override
  public List<MongoInputPartition> generatePartitions(ReadConfig readConfig) {
    String delegate = readConfig.getPartitionerOptions().getOrDefault(DELEGATE, ConnectorPartitioners.AUTO_BUCKET);
    List<MongoInputPartition> widened = new ArrayList<>();
    for (MongoInputPartition partition : ConnectorPartitioners.instantiate(delegate).generatePartitions(readConfig)) {
      List<BsonDocument> pipeline = new ArrayList<>(partition.getPipeline());
      BsonDocument first = pipeline.isEmpty() ? new BsonDocument() : pipeline.get(0).getDocument("$match", new BsonDocument());
      if (first.size() == 1 && first.isDocument(ID) && isRange(first.getDocument(ID))) {
        BsonDocument bounds = first.getDocument(ID);
        BsonValue lower = bounds.containsKey("$gte") ? bounds.get("$gte") : new BsonMinKey();
        BsonValue upper = bounds.containsKey("$lt") ? bounds.get("$lt") : new BsonMaxKey();
        pipeline.set(0, new BsonDocument("$match", KeyRangeFilter.of(ID, lower, upper)));
      }
      widened.add(new MongoInputPartition(partition.getPartitionId(), pipeline, partition.getPreferredLocations()));
    }
    return widened;
  }

  private static boolean isRange(BsonDocument condition) {
    return !condition.isEmpty() && condition.keySet().stream().allMatch(op -> op.equals("$gte") || op.equals("$lt"));
  }
}
