package io.shopanalytics.jobs.load;

/**
 * Zero-padded decimals for generated identifiers, equal to {@code String.format("%0Nd", value)}
 * for values >= 0 without parsing a pattern each time: the loader formats a handful per order,
 * and {@code String.format} showed in the generator's profile (docs/PERFORMANCE.md).
 */
final class Digits {
  private Digits() {}

  /** {@code value} (>= 0) in decimal, left-padded with zeros to {@code width} digits. */
  static String padded(long value, int width) {
    if (value < 0) {
      throw new IllegalArgumentException("negative value " + value);
    }
    String digits = Long.toString(value);
    if (digits.length() >= width) {
      return digits;
    }
    StringBuilder out = new StringBuilder(width);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits).toString();
  }
}
