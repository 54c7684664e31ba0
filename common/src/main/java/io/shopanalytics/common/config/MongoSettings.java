package io.shopanalytics.common.config;

import com.mongodb.ConnectionString;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the data lives and how to read and write it. Serializable so that executors get the same
 * settings as the driver; {@link #toString()} never shows a password.
 */
public final class MongoSettings implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Set<String> READ_PREFERENCE_PARAMETERS =
      Set.of("readpreference", "readpreferencetags", "maxstalenessseconds", "maxpoolsize");

  private final String uri;
  private final String database;
  private final String readPreference;
  private final String readPreferenceTags;
  private final Integer maxStalenessSeconds;
  private final String writeConcern;
  private final int readBatchSize;
  private final int writeBatchSize;
  private final int writeMaxRetries;
  private final Integer maxPoolSize;

  private MongoSettings(Builder b) {
    this.uri = b.uri;
    this.database = b.database;
    this.readPreference = b.readPreference;
    this.readPreferenceTags = b.readPreferenceTags;
    this.maxStalenessSeconds = b.maxStalenessSeconds;
    this.writeConcern = b.writeConcern;
    this.readBatchSize = b.readBatchSize;
    this.writeBatchSize = b.writeBatchSize;
    this.writeMaxRetries = b.writeMaxRetries;
    this.maxPoolSize = b.maxPoolSize;
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
    b.writeMaxRetries = ConfValues.integer(conf, SettingKeys.WRITE_MAX_RETRIES, SettingKeys.DEFAULT_WRITE_MAX_RETRIES);
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
    readPreferenceObject(); // fails early with the key and value named
    writeConcernObject();
    requirePositive(SettingKeys.READ_BATCH_SIZE, readBatchSize);
    requirePositive(SettingKeys.WRITE_BATCH_SIZE, writeBatchSize);
    if (writeMaxRetries < 0) {
      throw new ConfigException("Invalid value for " + SettingKeys.WRITE_MAX_RETRIES + ": " + writeMaxRetries + " (must be >= 0)");
    }
  }

  private static void requirePositive(String key, int value) {
    if (value < 1) {
      throw new ConfigException("Invalid value for " + key + ": " + value + " (must be >= 1)");
    }
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
    for (String tagSet : tagSets()) {
      parameters.add("readPreferenceTags=" + tagSet);
    }
    if (maxStalenessSeconds != null) {
      parameters.add("maxStalenessSeconds=" + maxStalenessSeconds);
    }
    return withParameters(uri, parameters);
  }

  private List<String> poolParameters() {
    return maxPoolSize == null ? List.of() : List.of("maxPoolSize=" + maxPoolSize);
  }

  /** The connection string for writes: the primary, whatever the URI said about reads. */
  public String writeUri() {
    return withParameters(uri, poolParameters());
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

  public WriteConcern writeConcernObject() {
    String value = writeConcern.trim();
    if (value.matches("\\d+")) {
      return new WriteConcern(Integer.parseInt(value));
    }
    if (value.isEmpty()) {
      throw new ConfigException("Invalid value for " + SettingKeys.WRITE_CONCERN + ": empty");
    }
    return value.equalsIgnoreCase("majority") ? WriteConcern.MAJORITY : new WriteConcern(value);
  }

  /** Human-readable read preference for logs and the run summary, e.g. {@code secondary [region:eu] maxStaleness=120s}. */
  public String describeReadPreference() {
    StringBuilder text = new StringBuilder(readPreference);
    List<String> tags = tagSets();
    if (!tags.isEmpty()) {
      text.append(' ').append(tags);
    }
    if (maxStalenessSeconds != null) {
      text.append(" maxStaleness=").append(maxStalenessSeconds).append('s');
    }
    return text.toString();
  }

  public String describeWriteConcern() {
    return writeConcern;
  }

  private List<String> tagSets() {
    List<String> sets = new ArrayList<>();
    for (String set : readPreferenceTags.split(";")) {
      if (!set.isBlank()) {
        sets.add(set.trim());
      }
    }
    return sets;
  }

  private static String withParameters(String uri, List<String> added) {
    int query = uri.indexOf('?');
    String base = query < 0 ? uri : uri.substring(0, query);
    List<String> kept = new ArrayList<>();
    if (query >= 0) {
      for (String parameter : uri.substring(query + 1).split("&")) {
        String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
        if (!parameter.isEmpty() && !READ_PREFERENCE_PARAMETERS.contains(name)) {
          kept.add(parameter);
        }
      }
    }
    kept.addAll(added);
    if (kept.isEmpty()) {
      return base;
    }
    // a URI without a path needs the '/' before its options
    String separator = base.substring(base.indexOf("://") + 3).contains("/") ? "?" : "/?";
    return base + separator + String.join("&", kept);
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
    private int writeMaxRetries = SettingKeys.DEFAULT_WRITE_MAX_RETRIES;
    private Integer maxPoolSize;

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

    public Builder writeMaxRetries(int value) {
      this.writeMaxRetries = value;
      return this;
    }

    public MongoSettings build() {
      return new MongoSettings(this);
    }
  }
}
