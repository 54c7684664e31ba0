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
   * {@code $MONGODB_URI}, the connector's Spark keys, then the local default.
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
    return SettingKeys.DEFAULT_URI;
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
