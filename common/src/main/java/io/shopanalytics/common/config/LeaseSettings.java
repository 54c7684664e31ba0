package io.shopanalytics.common.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * How a run takes its output leases (docs/ARCHITECTURE.md, 8. Runs under a scheduler): whether at all, how long it waits for them,
 * and how long one lasts without a heartbeat.
 */
public record LeaseSettings(boolean enabled, Duration lockWait, Duration duration) implements Serializable {
  private static final Duration SHORTEST_LEASE = Duration.ofSeconds(1);

  public LeaseSettings {
    if (lockWait.isNegative()) {
      throw new ConfigException("Invalid lock wait " + lockWait + " (must be >= 0)");
    }
    if (duration.compareTo(SHORTEST_LEASE) < 0) {
      throw new ConfigException("Invalid value for " + SettingKeys.LEASE_DURATION + ": " + duration
          + " (must be at least 1s)");
    }
  }

  public static LeaseSettings defaults() {
    return fromConf(Map.of());
  }

  public static LeaseSettings fromConf(Map<String, String> conf) {
    String enabled = ConfValues.text(conf, SettingKeys.LEASE_ENABLED, "true").toLowerCase(Locale.ROOT);
    if (!enabled.equals("true") && !enabled.equals("false")) {
      throw new ConfigException("Invalid value for " + SettingKeys.LEASE_ENABLED + ": '" + enabled
          + "' (expected true or false)");
    }
    return new LeaseSettings(enabled.equals("true"),
        duration(SettingKeys.LEASE_LOCK_WAIT, ConfValues.text(conf, SettingKeys.LEASE_LOCK_WAIT,
            SettingKeys.DEFAULT_LEASE_LOCK_WAIT)),
        duration(SettingKeys.LEASE_DURATION, ConfValues.text(conf, SettingKeys.LEASE_DURATION,
            SettingKeys.DEFAULT_LEASE_DURATION)));
  }

  public LeaseSettings withLockWait(Duration value) {
    return new LeaseSettings(enabled, value, duration);
  }

  public LeaseSettings withDuration(Duration value) {
    return new LeaseSettings(enabled, lockWait, value);
  }

  public LeaseSettings disabled() {
    return new LeaseSettings(false, lockWait, duration);
  }

  /** Between renewals: a third of the lease, so that two heartbeats may fail before it runs out. */
  public Duration heartbeat() {
    return duration.dividedBy(3);
  }

  /**
   * A duration as written in options: whole seconds ({@code 90}) or with a unit ({@code 500ms},
   * {@code 90s}, {@code 10m}, {@code 1h}).
   *
   * @param name the option or key, for the error message
   */
  public static Duration duration(String name, String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      long amount = Long.parseLong(value.replaceFirst("[smh]$", ""));
      switch (value.charAt(value.length() - 1)) {
        case 'm':
          return Duration.ofMinutes(amount);
        case 'h':
          return Duration.ofHours(amount);
        default:
          return Duration.ofSeconds(amount);
      }
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new ConfigException("Invalid value for " + name + ": '" + text
          + "' (expected a duration such as 90, 90s, 10m, 1h or 500ms)");
    }
  }
}
