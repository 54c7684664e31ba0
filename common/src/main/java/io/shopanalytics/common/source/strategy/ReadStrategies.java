package io.shopanalytics.common.source.strategy;

import io.shopanalytics.common.config.ConfigException;
import com.mongodb.client.MongoClient;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.config.SettingKeys;
import io.shopanalytics.common.config.SourceOptions;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.source.OrdersSource;
import io.shopanalytics.common.source.ReadPlan;
import io.shopanalytics.common.source.ReadScope;
import io.shopanalytics.common.source.connector.ConnectorOrdersSource;
import io.shopanalytics.common.source.plan.AutoPlanner;
import io.shopanalytics.common.source.plan.ChunksPlanner;
import io.shopanalytics.common.source.plan.TimeSlicePlanner;
import io.shopanalytics.common.source.reader.PlannedOrdersSource;
import java.util.List;

/** The {@code --read-strategy} names and the source each one builds. */
public final class ReadStrategies {
  public static final List<String> NAMES =
      List.of(AutoPlanner.NAME, ChunksPlanner.NAME, TimeSlicePlanner.NAME, ConnectorOrdersSource.NAME);

  private ReadStrategies() {}

  /** The orders source of a strategy, with the default {@link SourceOptions}. */
  public static OrdersSource orders(String strategy, MongoSettings settings, ReadScope scope, int targetDocuments) {
    return orders(strategy, settings, scope, targetDocuments, SourceOptions.defaults());
  }

  public static OrdersSource orders(String strategy, MongoSettings settings, ReadScope scope, int targetDocuments,
      SourceOptions options) {
    switch (strategy) {
      case AutoPlanner.NAME:
        return new PlannedOrdersSource(settings, new AutoPlanner(options.autoChunksMinFraction()), scope, targetDocuments);
      case ChunksPlanner.NAME:
        return new PlannedOrdersSource(settings, new ChunksPlanner(), scope, targetDocuments);
      case TimeSlicePlanner.NAME:
        return new PlannedOrdersSource(settings, new TimeSlicePlanner(), scope, targetDocuments);
      case ConnectorOrdersSource.NAME:
        return new ConnectorOrdersSource(settings, scope, targetDocuments, options.connectorPartitioner());
      default:
        throw new ConfigException("Invalid value for --read-strategy / " + SettingKeys.READ_STRATEGY
            + ": '" + strategy + "' (expected one of " + String.join(", ", NAMES) + ")");
    }
  }

  /**
   * A plan for reading a whole collection (products, users): its chunks on a sharded cluster (users
   * hashed on email, products ranged on category), else one partition when it fits the target, else
   * {@code _id} ranges. Read it with {@link RawCollectionReader}.
   */
  public static ReadPlan collection(String name, MongoSettings settings, int targetDocuments) {
    requireTarget(targetDocuments);
    MongoClient client = MongoClientCache.get(settings.readUri());
    ReadPlan plan = new ChunksPlanner().plan(client, settings, name, ReadScope.everything(), targetDocuments);
    return plan.asRun(null, settings.describeReadPreference());
  }

  /** Fails with the key named unless the target documents per partition is at least 1. */
  public static int requireTarget(int targetDocuments) {
    if (targetDocuments < 1) {
      throw new ConfigException("Invalid value for " + SettingKeys.READ_PARTITION_DOCS + ": "
          + targetDocuments + " (must be >= 1)");
    }
    return targetDocuments;
  }
}
