package io.shopanalytics.common.source.reader;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Projections;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.config.ReadSettings;
import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.mongo.ShardingMetadata;
import io.shopanalytics.common.mongo.SourceCollections;
import io.shopanalytics.common.source.OrdersSource;
import io.shopanalytics.common.source.ReadMetrics;
import io.shopanalytics.common.source.ReadPartition;
import io.shopanalytics.common.source.ReadPlan;
import io.shopanalytics.common.source.ReadScope;
import io.shopanalytics.common.source.plan.ChunksPlanner;
import io.shopanalytics.common.source.plan.PartitionPlanner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.bson.BsonDocument;

/**
 * Orders read by this project's own reader along the partitions of a {@link PartitionPlanner}.
 *
 * <p>After a read, {@link #partitionsToReread()} compares the metadata snapshot the plan was made
 * from (the planner's own for chunk plans, one taken right after planning otherwise) with a new one
 * ({@link MigrationCheck}). When only some partitions are stale, the next {@link #read} reads their
 * ranges again under their current owners and keeps the other partitions' rows: a plan bound to
 * shards keeps its rows cached (memory, then disk) until a read stands. When every partition is
 * stale (time slices, a resharded collection), it plans and reads everything again.
 */
public final class PlannedOrdersSource implements OrdersSource {
  private static final Logger LOG = LogManager.getLogger(PlannedOrdersSource.class);

  private final MongoSettings settings;
  private final PartitionPlanner planner;
  private final ReadScope scope;
  private final int targetDocuments;
  private final MetadataWatch watch;
  private ReadPlan plan;
  private ReadMetrics metrics;
  /** The last read's rows: RDD partition i holds the rows of the partition of index i (empty when dropped). */
  private JavaRDD<Row> rows;
  /** RDDs cached for a partial re-read, released once a read stands. */
  private final List<JavaRDD<Row>> cached = new ArrayList<>();
  private int rddPartitions;
  /** Partitions whose rows are in {@link #rows}. */
  private List<ReadPartition> live = List.of();
  /** The answer of {@link #partitionsToReread()} for the last read; null until asked. */
  private List<ReadPartition> stale;
  /** What the next read reads and appends to the kept rows; null for a full read. */
  private List<ReadPartition> pending;

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
      MongoClient client = MongoClientCache.get(settings.readUri());
      ReadPlan planned = planner.plan(client, settings, SourceCollections.ORDERS, scope, targetDocuments);
      // a plan cut from chunks is checked against the planner's own snapshot; others against one taken now:
      // their partitions are bound to no shard, so only a migration during the read matters to them
      plan = planned.asRun(planned.metadata() != null ? null : watch.snapshot(), settings.describeReadPreference());
      LOG.info("Read plan for orders {}: strategy={}, {} partitions {}, read preference {}; {}", scope, plan.strategy(),
          plan.partitions().size(), plan.partitionsPerShard(), plan.readPreference(), plan.reason());
    }
    return plan;
  }

  @Override
  public Dataset<Row> read(SparkSession spark) {
    ReadPlan current = plan();
    if (pending == null || rows == null) {
      release();
      metrics = new ReadMetrics(spark.sparkContext(), "orders read per shard");
      live = current.partitions();
      rddPartitions = live.size();
      rows = RawCollectionReader.rows(spark, settings, SourceCollections.ORDERS, live, projection(), metrics);
      if (live.stream().anyMatch(p -> p.shard() != null)) {
        cache(rows);
      }
    } else {
      Set<Integer> dropped = new HashSet<>();
      stale.forEach(p -> dropped.add(p.index()));
      metrics.exclude(dropped);
      JavaRDD<Row> kept = rows.mapPartitionsWithIndex(without(dropped), true);
      JavaRDD<Row> fresh = RawCollectionReader.rows(spark, settings, SourceCollections.ORDERS, pending, projection(), metrics);
      rows = kept.union(fresh);
      cache(rows);
      List<ReadPartition> next = new ArrayList<>();
      live.stream().filter(p -> !dropped.contains(p.index())).forEach(next::add);
      next.addAll(pending);
      live = List.copyOf(next);
      rddPartitions += pending.size();
      pending = null;
    }
    stale = null;
    return spark.createDataFrame(rows, OrderSchema.RAW);
  }

  private static Function2<Integer, java.util.Iterator<Row>, java.util.Iterator<Row>> without(Set<Integer> dropped) {
    return (index, partitionRows) -> dropped.contains(index) ? Collections.emptyIterator() : partitionRows;
  }

  private void cache(JavaRDD<Row> rdd) {
    rdd.persist(StorageLevel.MEMORY_AND_DISK());
    cached.add(rdd);
  }

  private void release() {
    cached.forEach(rdd -> rdd.unpersist(false));
    cached.clear();
  }

  @Override
  public List<ReadPartition> partitionsToReread() {
    if (stale == null || stale.isEmpty()) { // a standing answer is asked again; a stale one holds until replan()
      stale = rows == null ? List.of() : watch.stale(live, plan.metadata());
      if (stale.isEmpty()) {
        release(); // the read stands: the caller holds (and persists) what it derived from it
      }
    }
    return stale;
  }

  @Override
  public void replan() {
    List<ReadPartition> toRead = partitionsToReread();
    ShardingMetadata now = watch.latest();
    if (toRead.isEmpty() || now == null || toRead.size() == live.size()) {
      plan = null; // everything again: a new plan against new metadata
      pending = null;
      return;
    }
    pending = ChunksPlanner.reassign(now, toRead, scope.filter(), rddPartitions);
    List<ReadPartition> next = new ArrayList<>(live);
    next.removeAll(toRead);
    next.addAll(pending);
    String reason = plan.reason() + "; read again after chunk migrations: " + toRead.size() + " partition(s) as "
        + pending.size() + " under their current owners, metadata " + now.version();
    plan = plan.withPartitions(reason, next, now);
    LOG.info("Reading {} partition(s) of orders again as {}: {}", toRead.size(), pending.size(), pending);
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
