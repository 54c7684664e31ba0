package io.shopanalytics.common.config;

import java.util.Map;

/** Typed values of configuration entries: a missing or blank entry takes its default, a bad one fails naming its key. */
final class ConfValues {
  private ConfValues() {}

  static String text(Map<String, String> conf, String key, String defaultValue) {
    String value = conf.get(key);
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }

  static Integer optionalInteger(Map<String, String> conf, String key) {
    String value = conf.get(key);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("Invalid value for " + key + ": '" + value + "' is not a whole number");
    }
  }

  static int integer(Map<String, String> conf, String key, int defaultValue) {
    Integer value = optionalInteger(conf, key);
    return value == null ? defaultValue : value;
  }

  /** A number between 0 and {@code max}. */
  static double number(Map<String, String> conf, String key, double defaultValue, double max) {
    String text = conf.get(key);
    if (text == null || text.isBlank()) {
      return defaultValue;
    }
    double value;
    try {
      value = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("Invalid value for " + key + ": '" + text + "' is not a number");
    }
    if (!(value >= 0 && value <= max)) {
      throw new ConfigException("Invalid value for " + key + ": " + text + " (must be between 0 and " + max + ")");
    }
    return value;
  }
}
