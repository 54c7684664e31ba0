package io.shopanalytics.common.config;

/**
 * An invalid option or configuration value: the one failure that a job reports as "invalid options"
 * (exit code 2), which a scheduler must not retry. Every other exception is a failed run (exit 1),
 * so that an internal error never reaches Airflow disguised as a user's mistake.
 */
public class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
