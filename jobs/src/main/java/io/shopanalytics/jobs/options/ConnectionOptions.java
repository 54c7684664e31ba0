package io.shopanalytics.jobs.options;

import com.mongodb.ConnectionString;
import io.shopanalytics.common.config.ConfigException;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.config.Secrets;
import io.shopanalytics.common.config.SettingKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where to connect. A connection string with a password is refused on the command line (it would
 * show in {@code ps} and in Airflow's task log): it comes from {@code MONGODB_URI} or a file.
 */
public final class ConnectionOptions {
  /** The master as spark-submit passes it to the driver (a system property, read by SparkConf). */
  static final String SPARK_MASTER = "spark.master";

  @Option(names = "--uri", paramLabel = "URI",
      description = "MongoDB connection string without credentials. Default: $" + SettingKeys.URI_ENV
          + ", else " + SettingKeys.CONNECTOR_READ_URI + ", else " + SettingKeys.DEFAULT_URI + ".")
  String uri;

  @Option(names = "--uri-file", paramLabel = "FILE",
      description = "File whose first line is the connection string (may hold credentials). Default: $"
          + SettingKeys.URI_FILE_ENV + ".")
  Path uriFile;

  @Option(names = "--database", paramLabel = "NAME",
      description = "Database name. Default: " + SettingKeys.DATABASE + ", else " + SettingKeys.DEFAULT_DATABASE + ".")
  String database;

  /**
   * Resolves the connection string: {@code --uri}, {@code --uri-file}, {@code $MONGODB_URI_FILE},
   * {@code $MONGODB_URI}, the connector's Spark keys, then the local default, which only a local
   * master may fall back to: on a cluster the driver is rarely where MongoDB runs, and a URI lost on
   * the way (an environment variable a scheduler did not pass to the driver) must fail loudly.
   */
  public String resolveUri(Map<String, String> sparkConf, Map<String, String> env) {
    if (uri != null) {
      if (parse(uri).getPassword() != null) {
        throw new ConfigException("--uri must not contain a password (it would be visible in the process list): "
            + "pass " + Secrets.mask(uri) + " through $" + SettingKeys.URI_ENV + " or --uri-file instead");
      }
      return uri;
    }
    Path file = uriFile != null ? uriFile
        : env.containsKey(SettingKeys.URI_FILE_ENV) ? Path.of(env.get(SettingKeys.URI_FILE_ENV)) : null;
    if (file != null) {
      return readUriFile(file);
    }
    if (env.containsKey(SettingKeys.URI_ENV) && !env.get(SettingKeys.URI_ENV).isBlank()) {
      return env.get(SettingKeys.URI_ENV).trim();
    }
    if (sparkConf.containsKey(SettingKeys.CONNECTOR_READ_URI)) {
      return sparkConf.get(SettingKeys.CONNECTOR_READ_URI);
    }
    if (sparkConf.containsKey(SettingKeys.CONNECTOR_WRITE_URI)) {
      return sparkConf.get(SettingKeys.CONNECTOR_WRITE_URI);
    }
    String master = sparkConf.getOrDefault(SPARK_MASTER, System.getProperty(SPARK_MASTER));
    if (!onThisMachine(master)) {
      throw new ConfigException("No MongoDB connection string was given, and " + SettingKeys.DEFAULT_URI
          + " is the default only on a local master (this one is " + master + "): pass --uri-file FILE "
          + "(a file readable by the driver, e.g. a mounted secret), set $" + SettingKeys.URI_FILE_ENV + " or $"
          + SettingKeys.URI_ENV + " in the driver's environment, or --uri without credentials");
    }
    return SettingKeys.DEFAULT_URI;
  }

  /**
   * Whether the driver and every executor run on this machine: a local master, or a standalone
   * master on the loopback address (submit/local-cluster.sh). No master at all is a JVM that
   * spark-submit did not start (tests, tools), which is local too.
   */
  static boolean onThisMachine(String master) {
    return master == null || master.equals("local") || master.startsWith("local[")
        || master.startsWith("local-cluster[") || master.startsWith("spark://127.0.0.1:")
        || master.startsWith("spark://localhost:");
  }

  private static ConnectionString parse(String uri) {
    try {
      return new ConnectionString(uri);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid --uri '" + Secrets.mask(uri) + "': " + Secrets.mask(e.getMessage()), e);
    }
  }

  private static String readUriFile(Path file) {
    try {
      String content = Files.readString(file).trim();
      if (content.isEmpty()) {
        throw new ConfigException("--uri-file " + file + " is empty");
      }
      return content.lines().findFirst().orElseThrow().trim();
    } catch (IOException e) {
      throw new ConfigException("--uri-file " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** Settings from Spark configuration plus these options. */
  public MongoSettings settings(Map<String, String> sparkConf, Map<String, String> env) {
    MongoSettings.Builder builder = MongoSettings.fromConf(sparkConf).uri(resolveUri(sparkConf, env));
    if (database != null) {
      builder.database(database);
    }
    return builder.build();
  }

}
