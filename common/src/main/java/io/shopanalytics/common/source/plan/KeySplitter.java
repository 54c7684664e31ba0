package io.shopanalytics.common.source.plan;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.shopanalytics.common.mongo.KeyOrder;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * Split points inside a chunk of a ranged shard key, taken from the key's own distribution: a
 * ranged key's values are not uniform (a popular category holds many products), so arithmetic on
 * the bounds would give uneven pieces. Hashed keys need none of this (see {@link ChunkPartitioning}).
 */
@FunctionalInterface
interface KeySplitter {
  /**
   * The split points of a range and the documents it was counted to hold (-1 when not counted).
   * Partition sizes come from the count: an equal share of the collection per chunk says nothing of
   * a ranged chunk's real size.
   */
  record Split(List<BsonValue> points, long documents) {}

  /** Leaves every range whole, uncounted. */
  KeySplitter WHOLE = (field, lower, upper, targetDocuments) -> new Split(List.of(), -1);

  /**
   * @return values strictly inside {@code (lower, upper)}, ascending and distinct, that cut the
   *     range's documents into about equal parts of at most about {@code targetDocuments}; fewer
   *     when the range holds fewer distinct values (documents of one key value stay together), none
   *     when the range fits the target; and the range's documents
   */
  Split split(String field, BsonValue lower, BsonValue upper, int targetDocuments);

  /**
   * Counts the range (chunk metadata holds no counts, and a ranged key's chunks are not alike), then
   * walks its keys in order (a covered scan of the shard-key index on MongoDB: the projection is the
   * key alone) and takes a value every {@code count / pieces} keys, moving on to the next distinct
   * value when the count falls inside a run of equal ones.
   */
  static KeySplitter fromDistribution(MongoCollection<BsonDocument> collection) {
    return (field, lower, upper, targetDocuments) -> {
      BsonDocument range = KeyRangeFilter.of(field, lower, upper);
      long count = collection.countDocuments(range);
      long pieces = (count + targetDocuments - 1) / targetDocuments;
      List<BsonValue> points = new ArrayList<>();
      if (pieces < 2) {
        return new Split(points, count);
      }
      long step = Math.max(1, (count + pieces - 1) / pieces);
      long position = 0;
      BsonValue previous = null;
      BsonDocument keyOnly = field.equals("_id") ? Projections.include(field).toBsonDocument()
          : Projections.fields(Projections.include(field), Projections.excludeId()).toBsonDocument();
      for (BsonDocument key : collection.find(range).projection(keyOnly).sort(Sorts.ascending(field)).batchSize(10_000)) {
        BsonValue value = key.get(field, BsonNull.VALUE);
        boolean due = position >= step * (points.size() + 1) && points.size() < pieces - 1;
        if (due && previous != null && !value.equals(previous) && usable(value) && KeyOrder.compare(value, lower) > 0) {
          points.add(value);
        }
        previous = value;
        position++;
      }
      return new Split(points, count);
    };
  }

  /** Null, missing and the extreme keys cannot bound a {@link KeyRangeFilter} range from inside. */
  private static boolean usable(BsonValue value) {
    BsonType type = value.getBsonType();
    return type != BsonType.NULL && type != BsonType.MIN_KEY && type != BsonType.MAX_KEY && type != BsonType.UNDEFINED;
  }
}
