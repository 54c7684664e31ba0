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

  /**
   * Bulk writes a write task keeps in flight at once: while one waits for its acknowledgement the
   * task sends the next, so that a task waiting on MongoDB drives it as hard as several tasks would
   * and holds one task slot instead of several. Default {@value #DEFAULT_WRITE_BATCHES_IN_FLIGHT}.
   */
  public static final String WRITE_BATCHES_IN_FLIGHT = PREFIX + "write.batchesInFlight";
  public static final int DEFAULT_WRITE_BATCHES_IN_FLIGHT = 2;

  /** Retries of a bulk write, and of the writer's driver-side steps, after a transient error (step-down, dropped connection). Default {@value #DEFAULT_WRITE_MAX_RETRIES}. */
  public static final String WRITE_MAX_RETRIES = PREFIX + "write.maxRetries";
  public static final int DEFAULT_WRITE_MAX_RETRIES = 5;

  /**
   * How long a majority (or numbered) write waits for its acknowledgement before failing with a
   * write concern error ({@code wtimeout}), instead of hanging while a shard has lost its majority.
   * The error is retried as transient. 0 waits forever. Default {@value #DEFAULT_WRITE_WTIMEOUT_MS}.
   */
  public static final String WRITE_WTIMEOUT_MS = PREFIX + "write.wtimeoutMs";
  public static final int DEFAULT_WRITE_WTIMEOUT_MS = 60_000;

  /**
   * Whether runs take leases on their output scopes (docs/ARCHITECTURE.md, 8. Runs under a scheduler). Default true; false is for
   * measuring their cost only: runs whose scopes overlap can then lose each other's documents.
   */
  public static final String LEASE_ENABLED = PREFIX + "lease.enabled";

  /** How long a run waits for its leases before it gives up with status busy (exit 75), or {@code --lock-wait}. Default {@value #DEFAULT_LEASE_LOCK_WAIT}. */
  public static final String LEASE_LOCK_WAIT = PREFIX + "lease.lockWait";
  public static final String DEFAULT_LEASE_LOCK_WAIT = "10m";

  /**
   * How long a lease lasts without a heartbeat: the longest a crashed run blocks others. Renewed
   * every third of it. Default {@value #DEFAULT_LEASE_DURATION}.
   */
  public static final String LEASE_DURATION = PREFIX + "lease.duration";
  public static final String DEFAULT_LEASE_DURATION = "2m";

  /** Seconds between the stream's micro-batch triggers ({@code --trigger-seconds}). Default {@value #DEFAULT_STREAM_TRIGGER_SECONDS}. */
  public static final String STREAM_TRIGGER_SECONDS = PREFIX + "stream.triggerSeconds";
  public static final int DEFAULT_STREAM_TRIGGER_SECONDS = 30;

  /**
   * The shortest time between two recomputations of customer analytics by the stream (they read
   * every order up to the as-of day), or {@code --customers-every-seconds}. Default
   * {@value #DEFAULT_STREAM_CUSTOMERS_EVERY_SECONDS}.
   */
  public static final String STREAM_CUSTOMERS_EVERY_SECONDS = PREFIX + "stream.customersEverySeconds";
  public static final int DEFAULT_STREAM_CUSTOMERS_EVERY_SECONDS = 300;

  /** The most changes of orders one micro-batch takes (a catch-up is split into batches of this size). Default {@value #DEFAULT_STREAM_MAX_CHANGES_PER_BATCH}. */
  public static final String STREAM_MAX_CHANGES_PER_BATCH = PREFIX + "stream.maxChangesPerBatch";
  public static final int DEFAULT_STREAM_MAX_CHANGES_PER_BATCH = 20_000;

  /**
   * How often a stream with no change to {@code orders} moves its checkpointed position on to the
   * change stream's post-batch resume token (MongoDB's, which follows the oplog even when
   * {@code orders} is quiet), so that a long quiet spell does not leave its resume point to fall
   * off the oplog. Default {@value #DEFAULT_STREAM_IDLE_ADVANCE_SECONDS}.
   */
  public static final String STREAM_IDLE_ADVANCE_SECONDS = PREFIX + "stream.idleAdvanceSeconds";
  public static final int DEFAULT_STREAM_IDLE_ADVANCE_SECONDS = 600;

  /** Connections per MongoClient (one client per executor JVM and URI). Default: the driver's (100). */
  public static final String CONNECTION_MAX_POOL_SIZE = PREFIX + "connection.maxPoolSize";

  private SettingKeys() {}
}
