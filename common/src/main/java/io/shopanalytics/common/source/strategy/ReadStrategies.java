package io.shopanalytics.common.source.strategy;

import io.shopanalytics.common.config.ConfigException;
import com.mongodb.client.MongoClient;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.config.SettingKeys;
import io.shopanalytics.common.config.ReadSettings;
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
import java.util.Map;

/** The {@code --read-strategy} names and the source each one builds. */
public final class ReadStrategies {
  public static final List<String> NAMES =
      List.of(AutoPlanner.NAME, ChunksPlanner.NAME, TimeSlicePlanner.NAME, ConnectorOrdersSource.NAME);

  private ReadStrategies() {}

  /** The orders source of a strategy and partition size, its other settings at their defaults. */
  public static OrdersSource orders(String strategy, MongoSettings settings, ReadScope scope, int targetDocuments) {
    return orders(settings, ReadSettings.fromConf(Map.of(SettingKeys.READ_STRATEGY, strategy,
        SettingKeys.READ_PARTITION_DOCS, Integer.toString(targetDocuments))), scope);
  }

  /** The orders source of the configured strategy over {@code scope}. */
  public static OrdersSource orders(MongoSettings settings, ReadSettings options, ReadScope scope) {
    int targetDocuments = options.partitionDocs();
    String strategy = options.strategy();
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
    ReadSettings.requirePartitionDocs(targetDocuments);
    MongoClient client = MongoClientCache.get(settings.readUri());
    ReadPlan plan = new ChunksPlanner().plan(client, settings, name, ReadScope.everything(), targetDocuments);
    return plan.asRun(plan.metadataVersion(), settings.describeReadPreference());
  }

}
