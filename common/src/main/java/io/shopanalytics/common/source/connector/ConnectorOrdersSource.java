package io.shopanalytics.common.source.connector;

import io.shopanalytics.common.mongo.SourceCollections;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.spark.sql.connector.config.MongoConfig;
import com.mongodb.spark.sql.connector.config.ReadConfig;
import com.mongodb.spark.sql.connector.read.MongoInputPartition;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.source.OrdersSource;
import io.shopanalytics.common.source.ReadMetrics;
import io.shopanalytics.common.source.ReadPartition;
import io.shopanalytics.common.source.ReadPlan;
import io.shopanalytics.common.source.ReadScope;
import io.shopanalytics.common.source.plan.KeyRangeFilter;
import io.shopanalytics.common.source.plan.ScopeEstimate;
import io.shopanalytics.common.source.reader.MetadataWatch;
import io.shopanalytics.common.source.reader.MeteredIterator;
import io.shopanalytics.common.source.reader.RawCollectionReader;
import io.shopanalytics.common.config.ReadSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/**
 * The {@code connector} strategy: the official MongoDB Spark connector
 * ({@code spark.read().format("mongodb")}), kept as the baseline the other strategies are compared
 * against. It hands validation the same {@link OrderSchema#RAW} bytes as every other strategy.
 *
 * <p>How, without the connector's row converter ever throwing on a wrong BSON type: the pipeline
 * wraps each projected order as one field, {@code {_id, document: $$ROOT}}, and the schema reads
 * {@code document} as a string with {@code outputExtendedJson=true}. The connector's converter
 * (BsonDocumentToRowConverter, ConverterHelper.toJson) turns any BSON document into canonical
 * extended JSON for a StringType column, which keeps every type ({@code $numberInt}, {@code $date},
 * {@code $numberDecimal}, ...), nulls and missing fields apart, and field order; the JSON is parsed
 * back to BSON bytes here. Reading the order's fields as top-level string columns would be lossy:
 * a BSON string arrives raw there, so the string {@code "true"} and the boolean {@code true}
 * arrive alike, and null and missing both arrive as null. {@code _id} stays at the top for the
 * partitioners that sort or bucket on it after the pipeline.
 *
 * <p>The pipeline projects the top-level fields of {@link OrderSchema#SOURCE_FIELDS} (whole
 * {@code payment} and {@code items}): the embedded server's aggregation {@code $project} mangles
 * paths into arrays ({@code items.sku} comes back as {@code items: {sku: [...]}}, a missing
 * {@code items.name} kills the connection), while the find projection of the other strategies is
 * right there. Validation ignores the extra subfields.
 *
 * <p>The read preference (with maxStalenessSeconds) goes inside {@code connection.uri}, the one
 * place the connector honours it; the scope is pushed down as the pipeline's leading {@code $match},
 * which the connector's partitioners also use for their counts.
 */
public final class ConnectorOrdersSource implements OrdersSource {
  public static final String NAME = "connector";
  private static final Logger LOG = LogManager.getLogger(ConnectorOrdersSource.class);
  private static final String WRAPPED_FIELD = "document";
  /** What the connector converts: the wrapped order as canonical extended JSON. */
  public static final StructType WRAPPED = new StructType().add(WRAPPED_FIELD, DataTypes.StringType, true);

  private final MongoSettings settings;
  private final ReadScope scope;
  private final int targetDocuments;
  private final String partitionerOption;
  private final MetadataWatch watch;
  private Map<String, String> options;
  private ScopeEstimate estimate;
  private ReadPlan plan;
  private ReadMetrics metrics;

  public ConnectorOrdersSource(MongoSettings settings, ReadScope scope, int targetDocuments, String partitionerOption) {
    this.settings = settings;
    this.scope = scope;
    this.targetDocuments = ReadSettings.requirePartitionDocs(targetDocuments);
    this.partitionerOption = partitionerOption;
    this.watch = new MetadataWatch(settings, SourceCollections.ORDERS);
  }

  /** Asks the connector's partitioner for its partitions (what Spark will get at read time), to show them. */
  @Override
  public ReadPlan plan() {
    if (plan == null) {
      String version = watch.mark();
      Map<String, String> connector = options();
      List<BsonDocument> pipeline = pipeline();
      List<MongoInputPartition> generated = ConnectorPartitioners.instantiate(connector.get("partitioner"))
          .generatePartitions(readConfig(connector));
      List<ReadPartition> partitions = new ArrayList<>();
      for (MongoInputPartition input : generated) {
        partitions.add(ReadPartition.builder(partitions.size())
            .filter(KeyRangeFilter.and(partitionBounds(input.getPipeline(), pipeline.size()), scope.filter()))
            .preferredHosts(input.getPreferredLocations())
            .estimatedDocuments(estimate.scopeDocuments() / Math.max(1, generated.size()))
            .build());
      }
      String reason = String.format("official MongoDB Spark connector with %s (_id bounds made type-complete): %d partitions; about %d of %d documents "
          + "in scope %s, pushed down as the pipeline's $match", connector.get(TypeCompletePartitioner.OPTION).replace(
          ConnectorPartitioners.PACKAGE, ""), partitions.size(), estimate.scopeDocuments(),
          estimate.collectionDocuments(), scope);
      plan = new ReadPlan(NAME, reason, partitions, version).asRun(version, settings.describeReadPreference());
      LOG.info("Read plan for orders {}: strategy={}, {} partitions, read preference {}; {}", scope, NAME,
          partitions.size(), plan.readPreference(), reason);
    }
    return plan;
  }

  /** The connector's own read configuration: outside a DataFrame read its keys carry the read prefix. */
  private static ReadConfig readConfig(Map<String, String> options) {
    Map<String, String> prefixed = new LinkedHashMap<>();
    options.forEach((key, value) -> prefixed.put(MongoConfig.READ_PREFIX + key, value));
    return MongoConfig.readConfig(prefixed);
  }

  @Override
  public Dataset<Row> read(SparkSession spark) {
    if (!watch.marked()) {
      watch.mark();
    }
    Dataset<Row> wrapped = spark.read().format("mongodb").options(options()).schema(WRAPPED).load();
    metrics = new ReadMetrics(spark.sparkContext(), "orders read per shard");
    JavaRDD<Row> raw = wrapped.javaRDD().mapPartitions(toRaw(metrics));
    return spark.createDataFrame(raw, OrderSchema.RAW);
  }

  /** Re-encodes each order's extended JSON as BSON bytes, counting documents per Spark partition. */
  private static FlatMapFunction<Iterator<Row>, Row> toRaw(ReadMetrics metrics) {
    return rows -> {
      long started = System.nanoTime(); // the connector sends the partition's query on the first hasNext
      return new MeteredIterator<>(rows, row -> RowFactory.create((Object) RawCollectionReader.bytes(
          RawBsonDocument.parse(row.getString(0)))), metrics, TaskContext.getPartitionId(), null, started);
    };
  }

  @Override
  public ReadMetrics metrics() {
    return metrics;
  }

  @Override
  public boolean metadataChangedSincePlan() {
    return watch.changed();
  }

  @Override
  public void replan() {
    plan = null;
    options = null;
    watch.reset();
  }

  /** Every option of the connector read (the connection string inside holds credentials: never log it). */
  public Map<String, String> options() {
    if (options == null) {
      MongoClient client = MongoClientCache.get(settings.readUri());
      MongoCollection<BsonDocument> orders = client.getDatabase(settings.database())
          .getCollection(SourceCollections.ORDERS, BsonDocument.class);
      estimate = ScopeEstimate.measure(client, settings, SourceCollections.ORDERS, scope);
      Map<String, String> connector = new LinkedHashMap<>();
      connector.put("connection.uri", settings.readUri());
      connector.put("database", settings.database());
      connector.put("collection", SourceCollections.ORDERS);
      connector.put("aggregation.pipeline", pipeline().stream().map(BsonDocument::toJson)
          .collect(Collectors.joining(",", "[", "]")));
      connector.put("outputExtendedJson", "true");
      connector.putAll(ConnectorPartitioners.resolve(partitionerOption, orders, estimate, targetDocuments));
      options = connector;
    }
    return options;
  }

  /** The top-level fields of the projection (see the class comment). */
  public static BsonDocument topLevelProjection() {
    return Projections.include(Arrays.stream(OrderSchema.SOURCE_FIELDS).map(field -> field.split("\\.")[0]).distinct()
        .toList()).toBsonDocument();
  }

  /** The scope's {@code $match}, the projection, and the wrapping of each order into one field. */
  List<BsonDocument> pipeline() {
    List<BsonDocument> stages = new ArrayList<>();
    if (!scope.filter().isEmpty()) {
      stages.add(new BsonDocument("$match", scope.filter()));
    }
    stages.add(new BsonDocument("$project", topLevelProjection()));
    stages.add(BsonDocument.parse("{$replaceRoot: {newRoot: {_id: '$_id', " + WRAPPED_FIELD + ": '$$ROOT'}}}"));
    return stages;
  }

  /** The {@code $match} stages a partitioner put before the user pipeline, as one filter. */
  private static BsonDocument partitionBounds(List<BsonDocument> partitionPipeline, int userStages) {
    BsonDocument bounds = new BsonDocument();
    for (BsonDocument stage : partitionPipeline.subList(0, Math.max(0, partitionPipeline.size() - userStages))) {
      if (stage.isDocument("$match")) {
        bounds = KeyRangeFilter.and(bounds, stage.getDocument("$match"));
      }
    }
    return bounds;
  }
}
