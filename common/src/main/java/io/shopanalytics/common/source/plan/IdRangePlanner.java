package io.shopanalytics.common.source.plan;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.shopanalytics.common.source.ReadPartition;
import io.shopanalytics.common.source.ReadPlan;
import io.shopanalytics.common.source.ReadScope;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonValue;

/**
 * Splits an unsharded collection (a replica set, the dev server) into {@code _id} ranges of about the
 * target size each; one partition when the whole collection fits the target.
 *
 * <p>Split points come from the {@code _id} index: a walk (from the previous split point, skip the
 * target number of keys and take the next one; one key per partition is sent) or, for collections
 * up to {@link #STREAM_LIMIT} documents, one sorted stream of the keys. The queries project and sort
 * on {@code _id} alone, so on MongoDB they are covered index scans (no documents are fetched). It
 * needs neither {@code $sample}, {@code $collStats}, {@code hint} nor
 * {@code min}/{@code max}, which the embedded server lacks. The ranges are {@link KeyRangeFilter}s,
 * so {@code _id}s of mixed types all land in exactly one partition.
 */
public final class IdRangePlanner {
  static final String ID = "_id";

  private IdRangePlanner() {}

  static ReadPlan plan(String strategy, String why, MongoCollection<BsonDocument> collection, ReadScope scope,
      ScopeEstimate estimate, int targetDocuments) {
    List<BsonValue> splits = estimate.collectionDocuments() <= targetDocuments
        ? List.of() : splitPoints(collection, targetDocuments, estimate.collectionDocuments());
    List<ReadPartition> partitions = new ArrayList<>();
    BsonValue lower = new BsonMinKey();
    for (int i = 0; i <= splits.size(); i++) {
      BsonValue upper = i < splits.size() ? splits.get(i) : new BsonMaxKey();
      long scanned = i < splits.size() ? targetDocuments
          : Math.max(0, estimate.collectionDocuments() - (long) splits.size() * targetDocuments);
      partitions.add(ReadPartition.builder(i)
          .filter(KeyRangeFilter.and(scope.filter(), KeyRangeFilter.of(ID, lower, upper)))
          .estimatedDocuments(estimate.inScope(scanned))
          .build());
      lower = upper;
    }
    String reason = String.format("%s; %s split into %d _id range(s) of about %d documents (target %d); "
        + "about %d of %d documents in scope %s", why, collection.getNamespace().getFullName(), partitions.size(),
        Math.min(targetDocuments, estimate.collectionDocuments()), targetDocuments, estimate.scopeDocuments(),
        estimate.collectionDocuments(), scope);
    return new ReadPlan(strategy, reason, partitions, null);
  }

  /**
   * Up to this many documents, split points come from one sorted stream of every {@code _id}
   * instead of a walk of skip queries. On MongoDB both are covered scans of the {@code _id} index
   * and the walk sends nothing back, but a server without range scans (the embedded stand-in) sorts
   * the whole collection for every skip query, where one stream costs one sort and a few bytes a key
   * on the wire (docs/PERFORMANCE.md has the figures).
   */
  static final long STREAM_LIMIT = 2_000_000;
  private static final int STREAM_BATCH = 10_000;

  /** The first {@code _id} of every partition but the first, in index order. */
  public static List<BsonValue> splitPoints(MongoCollection<BsonDocument> collection, int targetDocuments,
      long estimatedDocuments) {
    return estimatedDocuments <= STREAM_LIMIT
        ? streamedSplitPoints(collection, targetDocuments) : walkedSplitPoints(collection, targetDocuments);
  }

  /** Every {@code targetDocuments}-th key of one sorted, covered stream of the keys. */
  public static List<BsonValue> streamedSplitPoints(MongoCollection<BsonDocument> collection, int targetDocuments) {
    List<BsonValue> splits = new ArrayList<>();
    long position = 0;
    for (BsonDocument key : collection.find(KeyRangeFilter.of(ID, new BsonMinKey(), new BsonMaxKey()))
        .projection(Projections.include(ID))
        .sort(Sorts.ascending(ID))
        .batchSize(STREAM_BATCH)) {
      if (position > 0 && position % targetDocuments == 0) {
        splits.add(key.get(ID));
      }
      position++;
    }
    return splits;
  }

  /** From the previous split point, skip the target number of keys and take the next one. */
  public static List<BsonValue> walkedSplitPoints(MongoCollection<BsonDocument> collection, int targetDocuments) {
    List<BsonValue> splits = new ArrayList<>();
    BsonValue from = new BsonMinKey();
    while (true) {
      BsonDocument next = collection.find(KeyRangeFilter.of(ID, from, new BsonMaxKey()))
          .projection(Projections.include(ID))
          .sort(Sorts.ascending(ID))
          .skip(targetDocuments)
          .limit(1)
          .first();
      if (next == null) {
        return splits;
      }
      from = next.get(ID);
      splits.add(from);
    }
  }
}
