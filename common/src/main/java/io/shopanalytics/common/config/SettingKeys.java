package io.shopanalytics.common.config;

import java.util.List;

/**
 * Every configuration key, each beside its default and what it means: the one place to look them
 * up. Keys start with {@code spark.} so that they can be set in a Spark properties file or with
 * {@code --conf}; command-line options override them. {@link MongoSettings} and {@link ReadSettings}
 * parse them, once per run, and a bad value is a {@link ConfigException} that names its key.
 */
public final class SettingKeys {
  /** Environment variable holding the connection string (the way to pass credentials). */
  public static final String URI_ENV = "MONGODB_URI";
  /** Environment variable naming a file that holds the connection string. */
  public static final String URI_FILE_ENV = "MONGODB_URI_FILE";
  public static final String DEFAULT_URI = "mongodb://127.0.0.1:27017";

  /** The official connector's keys, honoured so that existing Spark configurations keep working. */
  public static final String CONNECTOR_READ_URI = "spark.mongodb.read.connection.uri";
  public static final String CONNECTOR_WRITE_URI = "spark.mongodb.write.connection.uri";

  private static final String PREFIX = "spark.shopanalytics.";

  /** Database holding orders, products, users and the analytics collections. Default {@value #DEFAULT_DATABASE}. */
  public static final String DATABASE = PREFIX + "database";
  public static final String DEFAULT_DATABASE = "shop";

  /** Read preference mode for every read. Default {@value #DEFAULT_READ_PREFERENCE}. */
  public static final String READ_PREFERENCE = PREFIX + "read.preference";
  public static final String DEFAULT_READ_PREFERENCE = "secondary";

  /** Tag sets, most preferred first: {@code region:eu,dc:1;region:us}. Default: none. */
  public static final String READ_PREFERENCE_TAGS = PREFIX + "read.preferenceTags";

  /** Bounded staleness of secondaries (90 or more, MongoDB's minimum). Default: unbounded. */
  public static final String READ_MAX_STALENESS_SECONDS = PREFIX + "read.maxStalenessSeconds";

  /** How orders are split into read partitions: one of {@link #READ_STRATEGIES}. Default {@value #DEFAULT_READ_STRATEGY}. */
  public static final String READ_STRATEGY = PREFIX + "read.strategy";
  public static final String DEFAULT_READ_STRATEGY = "auto";
  public static final List<String> READ_STRATEGIES = List.of("auto", "chunks", "time-slices", "connector");

  /** Target number of orders per read partition. Default {@value #DEFAULT_PARTITION_DOCS}. */
  public static final String READ_PARTITION_DOCS = PREFIX + "read.partitionDocs";
  public static final int DEFAULT_PARTITION_DOCS = 50_000;

  /**
   * {@code auto} picks {@code chunks} when the requested months hold at least this fraction of the
   * collection, {@code time-slices} below it. Default {@value #DEFAULT_AUTO_CHUNKS_MIN_FRACTION}:
   * chunks read every document of the collection once; time slices read only the scope through the
   * {@code created_at} index, plus their sizing counts (up to twice the scope), so they stop paying
   * off around half of the collection.
   */
  public static final String READ_AUTO_CHUNKS_MIN_FRACTION = PREFIX + "read.auto.chunksMinFraction";
  public static final double DEFAULT_AUTO_CHUNKS_MIN_FRACTION = 0.5;

  /**
   * The official connector's partitioner for the {@code connector} strategy: {@value #AUTO_PARTITIONER}
   * (AutoBucketPartitioner where {@code $collStats} works, PaginateIntoPartitionsPartitioner where it
   * does not, as on the embedded server), a class name of the connector's partitioner package, or a
   * fully qualified class name. Default {@value #DEFAULT_CONNECTOR_PARTITIONER}.
   */
  public static final String READ_CONNECTOR_PARTITIONER = PREFIX + "read.connector.partitioner";
  public static final String AUTO_PARTITIONER = "auto";
  public static final String DEFAULT_CONNECTOR_PARTITIONER = AUTO_PARTITIONER;

  /**
   * Shard imbalance, {@code (max - min) / mean} of the documents read per shard, above which the run
   * logs a warning. Default {@value #DEFAULT_SHARD_IMBALANCE_ALERT}, the design's alert level.
   */
  public static final String READ_SHARD_IMBALANCE_ALERT = PREFIX + "read.shardImbalanceAlert";
  public static final double DEFAULT_SHARD_IMBALANCE_ALERT = 0.2;

  /** Documents per cursor batch. Default {@value #DEFAULT_READ_BATCH_SIZE}. */
  public static final String READ_BATCH_SIZE = PREFIX + "read.batchSize";
  public static final int DEFAULT_READ_BATCH_SIZE = 2_000;

  /** Write concern of every analytics write: majority, a number, or a tag-set name. Default {@value #DEFAULT_WRITE_CONCERN}. */
  public static final String WRITE_CONCERN = PREFIX + "write.concern";
  public static final String DEFAULT_WRITE_CONCERN = "majority";

  /** Upserts per unordered bulk write. Default {@value #DEFAULT_WRITE_BATCH_SIZE}. */
  public static final String WRITE_BATCH_SIZE = PREFIX + "write.batchSize";
  public static final int DEFAULT_WRITE_BATCH_SIZE = 1_000;

  /** Retries of a bulk write, and of the writer's driver-side steps, after a transient error (step-down, dropped connection). Default {@value #DEFAULT_WRITE_MAX_RETRIES}. */
  public static final String WRITE_MAX_RETRIES = PREFIX + "write.maxRetries";
  public static final int DEFAULT_WRITE_MAX_RETRIES = 5;

  /** Connections per MongoClient (one client per executor JVM and URI). Default: the driver's (100). */
  public static final String CONNECTION_MAX_POOL_SIZE = PREFIX + "connection.maxPoolSize";

  private SettingKeys() {}
}
