package io.shopanalytics.common.source.reader;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.source.ReadMetrics;
import io.shopanalytics.common.source.ReadPartition;
import io.shopanalytics.common.source.ReadPlan;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.reflect.ClassTag$;
import scala.reflect.ClassTag;

/**
 * Executes a {@link ReadPlan} on the executors: one Spark partition per planned read, placed on
 * the shard's hosts when known, each a {@code find} through the read URI (mongos on a cluster)
 * returning documents as raw BSON bytes, undecoded until validation.
 */
public final class RawCollectionReader {
  private RawCollectionReader() {}

  public static Dataset<Row> read(SparkSession spark, MongoSettings settings, String collection,
      ReadPlan plan, BsonDocument projection, ReadMetrics metrics) {
    return spark.createDataFrame(rows(spark, settings, collection, plan.partitions(), projection, metrics),
        OrderSchema.RAW);
  }

  /** The rows of {@code partitions}: Spark partition i reads {@code partitions.get(i)}. */
  public static JavaRDD<Row> rows(SparkSession spark, MongoSettings settings, String collection,
      List<ReadPartition> partitions, BsonDocument projection, ReadMetrics metrics) {
    List<Tuple2<ReadPartition, Seq<String>>> located = new ArrayList<>();
    for (ReadPartition partition : partitions) {
      located.add(new Tuple2<>(partition, JavaConverters.asScalaBuffer(partition.preferredHosts()).toList()));
    }
    ClassTag<ReadPartition> tag = ClassTag$.MODULE$.apply(ReadPartition.class);
    RDD<ReadPartition> placed = spark.sparkContext().makeRDD(
        JavaConverters.asScalaBuffer(located).toList(), tag);
    String projectionJson = projection.toJson();
    FlatMapFunction<ReadPartition, Row> readPartition =
        partition -> readOne(settings, collection, partition, BsonDocument.parse(projectionJson), metrics);
    return placed.toJavaRDD().flatMap(readPartition);
  }

  private static Iterator<Row> readOne(MongoSettings settings, String collection, ReadPartition partition,
      BsonDocument projection, ReadMetrics metrics) {
    MongoClient client = MongoClientCache.get(settings.readUri());
    MongoCollection<RawBsonDocument> source = client.getDatabase(settings.database())
        .getCollection(collection, RawBsonDocument.class);
    long started = System.nanoTime(); // before the query: the first batch is part of the read
    MongoCursor<RawBsonDocument> cursor = CausalReads.open(client, settings.readAfter(),
        session -> find(source.find(session, partition.filter()), settings, partition, projection).cursor(),
        () -> find(source.find(partition.filter()), settings, partition, projection).cursor());
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) context -> cursor.close());
    }
    return new MeteredIterator<>(cursor, document -> RowFactory.create((Object) bytes(document)), metrics,
        partition.index(), partition.shard(), started);
  }

  private static FindIterable<RawBsonDocument> find(FindIterable<RawBsonDocument> find, MongoSettings settings,
      ReadPartition partition, BsonDocument projection) {
    find = find.projection(projection).batchSize(settings.readBatchSize());
    if (partition.hint() != null) {
      find = find.hint(partition.hint());
    }
    if (partition.min() != null) {
      find = find.min(partition.min());
    }
    if (partition.max() != null) {
      find = find.max(partition.max());
    }
    return find;
  }

  /** The document's BSON, copied out of the driver's buffer. */
  public static byte[] bytes(RawBsonDocument document) {
    ByteBuffer buffer = document.getByteBuffer().asNIO();
    byte[] copy = new byte[buffer.remaining()];
    buffer.get(copy);
    return copy;
  }
}
