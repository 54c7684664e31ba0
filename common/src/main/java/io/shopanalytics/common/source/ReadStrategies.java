package io.shopanalytics.common.source;

import io.shopanalytics.common.settings.MongoSettings;
import io.shopanalytics.common.settings.SettingKeys;
import java.util.List;

/** The {@code --read-strategy} names and the source each one builds. */
public final class ReadStrategies {
  public static final List<String> NAMES = List.of(TimeSlicePlanner.NAME);

  private ReadStrategies() {}

  public static OrdersSource orders(String strategy, MongoSettings settings, ReadScope scope, int targetDocuments) {
    switch (strategy) {
      case "auto":
      case TimeSlicePlanner.NAME:
        return new PlannedOrdersSource(settings, new TimeSlicePlanner(), scope, targetDocuments);
      default:
        throw new IllegalArgumentException("Invalid value for --read-strategy / " + SettingKeys.READ_STRATEGY
            + ": '" + strategy + "' (expected one of auto, " + String.join(", ", NAMES) + ")");
    }
  }
}
