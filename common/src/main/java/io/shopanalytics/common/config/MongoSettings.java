package io.shopanalytics.common.config;

import com.mongodb.ConnectionString;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the data lives and how to read and write it. Serializable so that executors get the same
 * settings as the driver; {@link #toString()} never shows a password.
 */
public final class MongoSettings implements Serializable {
  private static final long serialVersionUID = 1L;
  /**
   * The smallest {@code maxStalenessSeconds} MongoDB accepts (-1 means none): drivers and mongos
   * refuse smaller values, mongos only when the first read arrives, on the executors.
   */
  public static final int MIN_MAX_STALENESS_SECONDS = 90;
  /** How {@link SettingKeys#READ_PREFERENCE_TAGS} writes the empty tag set (any member), besides an empty set between or after ';'. */
  public static final String ANY_MEMBER_TAG_SET = "{}";

  private final String uri;
  private final String database;
  private final String readPreference;
  private final String readPreferenceTags;
  private final Integer maxStalenessSeconds;
  private final String writeConcern;
  private final int readBatchSize;
  private final int writeBatchSize;
  private final int writeBatchesInFlight;
  private final int writeMaxRetries;
  private final int writeTimeoutMillis;
  private final Integer maxPoolSize;
  /** A cluster time (BSON timestamp value) that reads must see, 0 for none. */
  private final long readAfter;

  private MongoSettings(Builder b) {
    this.uri = b.uri;
    this.database = b.database;
    this.readPreference = b.readPreference;
    this.readPreferenceTags = b.readPreferenceTags;
    this.maxStalenessSeconds = b.maxStalenessSeconds;
    this.writeConcern = b.writeConcern;
    this.readBatchSize = b.readBatchSize;
    this.writeBatchSize = b.writeBatchSize;
    this.writeBatchesInFlight = b.writeBatchesInFlight;
    this.writeMaxRetries = b.writeMaxRetries;
    this.writeTimeoutMillis = b.writeTimeoutMillis;
    this.maxPoolSize = b.maxPoolSize;
    this.readAfter = b.readAfter;
    validate();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Settings from Spark configuration entries (keys of {@link SettingKeys}); the URI is set separately. */
  public static Builder fromConf(Map<String, String> conf) {
    Builder b = new Builder();
    b.database = conf.getOrDefault(SettingKeys.DATABASE, SettingKeys.DEFAULT_DATABASE);
    b.readPreference = conf.getOrDefault(SettingKeys.READ_PREFERENCE, SettingKeys.DEFAULT_READ_PREFERENCE);
    b.readPreferenceTags = conf.getOrDefault(SettingKeys.READ_PREFERENCE_TAGS, "");
    b.maxStalenessSeconds = ConfValues.optionalInteger(conf, SettingKeys.READ_MAX_STALENESS_SECONDS);
    b.writeConcern = conf.getOrDefault(SettingKeys.WRITE_CONCERN, SettingKeys.DEFAULT_WRITE_CONCERN);
    b.readBatchSize = ConfValues.integer(conf, SettingKeys.READ_BATCH_SIZE, SettingKeys.DEFAULT_READ_BATCH_SIZE);
    b.writeBatchSize = ConfValues.integer(conf, SettingKeys.WRITE_BATCH_SIZE, SettingKeys.DEFAULT_WRITE_BATCH_SIZE);
    b.writeBatchesInFlight = ConfValues.integer(conf, SettingKeys.WRITE_BATCHES_IN_FLIGHT,
        SettingKeys.DEFAULT_WRITE_BATCHES_IN_FLIGHT);
    b.writeMaxRetries = ConfValues.integer(conf, SettingKeys.WRITE_MAX_RETRIES, SettingKeys.DEFAULT_WRITE_MAX_RETRIES);
    b.writeTimeoutMillis = ConfValues.integer(conf, SettingKeys.WRITE_WTIMEOUT_MS, SettingKeys.DEFAULT_WRITE_WTIMEOUT_MS);
    b.maxPoolSize = ConfValues.optionalInteger(conf, SettingKeys.CONNECTION_MAX_POOL_SIZE);
    return b;
  }

  private void validate() {
    if (uri == null || uri.isBlank()) {
      throw new ConfigException("No MongoDB connection string: set " + SettingKeys.URI_ENV + " or --uri");
    }
    try {
      new ConnectionString(uri);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid MongoDB connection string '" + Secrets.mask(uri) + "': "
          + Secrets.mask(e.getMessage()));
    }
    if (database == null || database.isBlank()) {
      throw new ConfigException("Invalid value for " + SettingKeys.DATABASE + ": empty");
    }
    if (maxStalenessSeconds != null && maxStalenessSeconds != -1 && maxStalenessSeconds < MIN_MAX_STALENESS_SECONDS) {
      throw new ConfigException("Invalid value for " + SettingKeys.READ_MAX_STALENESS_SECONDS + ": " + maxStalenessSeconds
          + " (must be -1 for no limit, or at least " + MIN_MAX_STALENESS_SECONDS + " seconds, MongoDB's minimum)");
    }
    requireNotNegative(SettingKeys.WRITE_WTIMEOUT_MS, writeTimeoutMillis);
    readPreferenceObject(); // fails early with the key and value named
    writeConcernObject();
    requirePositive(SettingKeys.READ_BATCH_SIZE, readBatchSize);
    requirePositive(SettingKeys.WRITE_BATCH_SIZE, writeBatchSize);
    requirePositive(SettingKeys.WRITE_BATCHES_IN_FLIGHT, writeBatchesInFlight);
    requireNotNegative(SettingKeys.WRITE_MAX_RETRIES, writeMaxRetries);
  }

  private static void requireNotNegative(String key, int value) {
    if (value < 0) {
      throw new ConfigException("Invalid value for " + key + ": " + value + " (must be >= 0)");
    }
  }

  private static void requirePositive(String key, int value) {
    if (value < 1) {
      throw new ConfigException("Invalid value for " + key + ": " + value + " (must be >= 1)");
    }
  }

  /**
   * These settings, reading orders only at or after {@code clusterTime} (a BSON timestamp's value):
   * a secondary answers once it has applied the oplog up to it (a causally consistent read,
   * {@code afterClusterTime}), so that a read never misses a change already seen in the change
   * stream.
   */
  public MongoSettings readingAfter(long clusterTime) {
    Builder b = fromConf(java.util.Map.of()).uri(uri).database(database).readPreference(readPreference)
        .readPreferenceTags(readPreferenceTags).maxStalenessSeconds(maxStalenessSeconds).writeConcern(writeConcern)
        .writeBatchSize(writeBatchSize).writeMaxRetries(writeMaxRetries).writeTimeoutMillis(writeTimeoutMillis);
    b.readBatchSize = readBatchSize;
    b.writeBatchesInFlight = writeBatchesInFlight;
    b.maxPoolSize = maxPoolSize;
    b.readAfter = clusterTime;
    return b.build();
  }

  /** The cluster time reads must see ({@link #readingAfter}), 0 for none. */
  public long readAfter() {
    return readAfter;
  }

  public String database() {
    return database;
  }

  public int readBatchSize() {
    return readBatchSize;
  }

  public int writeBatchSize() {
    return writeBatchSize;
  }

  public int writeBatchesInFlight() {
    return writeBatchesInFlight;
  }

  public int writeMaxRetries() {
    return writeMaxRetries;
  }

  /** The connection string as given (with its password): for connecting only, never for printing. */
  public String uri() {
    return uri;
  }

  /**
   * The connection string for reads, with the read preference inside it: the official connector
   * ignores {@code spark.mongodb.read.readPreference.name}, so the URI is the one place that works
   * for it and for the driver alike.
   */
  public String readUri() {
    List<String> parameters = new ArrayList<>(poolParameters());
    parameters.add("readPreference=" + readPreference);
    for (String tagSet : ConnectionUris.tagSets(readPreferenceTags)) {
      parameters.add("readPreferenceTags=" + ConnectionUris.encodeTagSet(tagSet));
    }
    if (maxStalenessSeconds != null) {
      parameters.add("maxStalenessSeconds=" + maxStalenessSeconds);
    }
    return ConnectionUris.withParameters(uri, parameters, maxPoolSize != null);
  }

  private List<String> poolParameters() {
    return maxPoolSize == null ? List.of() : List.of("maxPoolSize=" + maxPoolSize);
  }

  /** The connection string for writes: the primary, whatever the URI said about reads. */
  public String writeUri() {
    return ConnectionUris.withParameters(uri, poolParameters(), maxPoolSize != null);
  }

  public ReadPreference readPreferenceObject() {
    ConnectionString parsed;
    try {
      parsed = new ConnectionString(readUri());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid read preference " + SettingKeys.READ_PREFERENCE + "='" + readPreference
          + "', " + SettingKeys.READ_PREFERENCE_TAGS + "='" + readPreferenceTags + "', "
          + SettingKeys.READ_MAX_STALENESS_SECONDS + "=" + maxStalenessSeconds + ": " + e.getMessage());
    }
    return parsed.getReadPreference();
  }

  /** The write concern with its {@code wtimeout} (none when 0): an unreachable majority fails the write instead of hanging it. */
  public WriteConcern writeConcernObject() {
    String value = writeConcern.trim();
    if (value.isEmpty()) {
      throw new ConfigException("Invalid value for " + SettingKeys.WRITE_CONCERN + ": empty");
    }
    WriteConcern concern = value.matches("\\d+") ? new WriteConcern(Integer.parseInt(value))
        : value.equalsIgnoreCase("majority") ? WriteConcern.MAJORITY : new WriteConcern(value);
    return writeTimeoutMillis == 0 ? concern : concern.withWTimeout(writeTimeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** Human-readable read preference for logs and the run summary, e.g. {@code secondary [region:eu] maxStaleness=120s}. */
  public String describeReadPreference() {
    StringBuilder text = new StringBuilder(readPreference);
    List<String> tags = ConnectionUris.tagSets(readPreferenceTags).stream().map(set -> set.isEmpty() ? ANY_MEMBER_TAG_SET : set).toList();
    if (!tags.isEmpty()) {
      text.append(' ').append(tags);
    }
    if (maxStalenessSeconds != null) {
      text.append(" maxStaleness=").append(maxStalenessSeconds).append('s');
    }
    return text.toString();
  }

  public String describeWriteConcern() {
    return writeTimeoutMillis == 0 ? writeConcern : writeConcern + " wtimeout=" + writeTimeoutMillis + "ms";
  }

  @Override
  public String toString() {
    return "MongoSettings{uri=" + Secrets.mask(uri) + ", database=" + database + ", readPreference="
        + describeReadPreference() + ", writeConcern=" + writeConcern + "}";
  }

  /** Builder; unset values take the defaults of {@link SettingKeys}. */
  public static final class Builder {
    private String uri = SettingKeys.DEFAULT_URI;
    private String database = SettingKeys.DEFAULT_DATABASE;
    private String readPreference = SettingKeys.DEFAULT_READ_PREFERENCE;
    private String readPreferenceTags = "";
    private Integer maxStalenessSeconds;
    private String writeConcern = SettingKeys.DEFAULT_WRITE_CONCERN;
    private int readBatchSize = SettingKeys.DEFAULT_READ_BATCH_SIZE;
    private int writeBatchSize = SettingKeys.DEFAULT_WRITE_BATCH_SIZE;
    private int writeBatchesInFlight = SettingKeys.DEFAULT_WRITE_BATCHES_IN_FLIGHT;
    private int writeMaxRetries = SettingKeys.DEFAULT_WRITE_MAX_RETRIES;
    private int writeTimeoutMillis = SettingKeys.DEFAULT_WRITE_WTIMEOUT_MS;
    private Integer maxPoolSize;
    private long readAfter;

    public Builder uri(String value) {
      this.uri = value;
      return this;
    }

    public Builder database(String value) {
      this.database = value;
      return this;
    }

    public Builder readPreference(String value) {
      this.readPreference = value;
      return this;
    }

    public Builder readPreferenceTags(String value) {
      this.readPreferenceTags = value == null ? "" : value;
      return this;
    }

    public Builder maxStalenessSeconds(Integer value) {
      this.maxStalenessSeconds = value;
      return this;
    }

    public Builder writeConcern(String value) {
      this.writeConcern = value;
      return this;
    }

    public Builder writeBatchSize(int value) {
      this.writeBatchSize = value;
      return this;
    }

    public Builder writeBatchesInFlight(int value) {
      this.writeBatchesInFlight = value;
      return this;
    }

    public Builder writeMaxRetries(int value) {
      this.writeMaxRetries = value;
      return this;
    }

    public Builder writeTimeoutMillis(int value) {
      this.writeTimeoutMillis = value;
      return this;
    }

    public MongoSettings build() {
      return new MongoSettings(this);
    }
  }
}
