package io.shopanalytics.jobs.options;

import io.shopanalytics.common.config.SettingKeys;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Read and write behaviour. Each option overrides its {@code spark.shopanalytics.*} key, so that
 * a properties file sets the site defaults and a command line the exceptions.
 */
public final class ReadOptions {
  @Option(names = "--read-strategy", paramLabel = "NAME",
      description = "How orders are split into read partitions: auto, chunks, time-slices, connector. Default: "
          + SettingKeys.READ_STRATEGY + ", else " + SettingKeys.DEFAULT_READ_STRATEGY + ".")
  String readStrategy;

  @Option(names = "--read-preference", paramLabel = "MODE",
      description = "secondary, secondaryPreferred, nearest, primaryPreferred or primary. Default: "
          + SettingKeys.READ_PREFERENCE + ", else " + SettingKeys.DEFAULT_READ_PREFERENCE + ".")
  String readPreference;

  @Option(names = "--read-preference-tags", paramLabel = "TAGS",
      description = "Tag sets, most preferred first, e.g. 'region:eu;region:us'. Default: none.")
  String readPreferenceTags;

  @Option(names = "--max-staleness-seconds", paramLabel = "N",
      description = "Skip secondaries lagging more than N seconds (90 or more). Default: unbounded.")
  Integer maxStalenessSeconds;

  @Option(names = "--partition-docs", paramLabel = "N",
      description = "Target orders per read partition. Default: " + SettingKeys.READ_PARTITION_DOCS + ", else "
          + SettingKeys.DEFAULT_PARTITION_DOCS + ".")
  Integer partitionDocs;

  @Option(names = "--write-concern", paramLabel = "W",
      description = "majority, a number, or a tag-set name. Default: " + SettingKeys.WRITE_CONCERN + ", else "
          + SettingKeys.DEFAULT_WRITE_CONCERN + ".")
  String writeConcern;

  /** The Spark configuration with these options applied over it. */
  public Map<String, String> applyTo(Map<String, String> conf) {
    Map<String, String> merged = new HashMap<>(conf);
    putIfGiven(merged, SettingKeys.READ_STRATEGY, readStrategy);
    putIfGiven(merged, SettingKeys.READ_PREFERENCE, readPreference);
    putIfGiven(merged, SettingKeys.READ_PREFERENCE_TAGS, readPreferenceTags);
    putIfGiven(merged, SettingKeys.READ_MAX_STALENESS_SECONDS, maxStalenessSeconds);
    putIfGiven(merged, SettingKeys.READ_PARTITION_DOCS, partitionDocs);
    putIfGiven(merged, SettingKeys.WRITE_CONCERN, writeConcern);
    return merged;
  }

  private static void putIfGiven(Map<String, String> conf, String key, Object value) {
    if (value != null) {
      conf.put(key, value.toString());
    }
  }
}
