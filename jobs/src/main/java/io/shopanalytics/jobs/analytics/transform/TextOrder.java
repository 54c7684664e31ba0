package io.shopanalytics.jobs.analytics.transform;

import java.util.Comparator;

/**
 * Ascending order of names and ids as Spark and MongoDB order strings: by Unicode code point (the
 * byte order of UTF-8), which is Java's UTF-16 order except where a surrogate pair meets a
 * character from U+E000 up. Hex ids and plain names compare as {@link String#compareTo} does.
 */
final class TextOrder {
  static final Comparator<String> ASCENDING = TextOrder::compare;

  private TextOrder() {}

  static int compare(String a, String b) {
    int length = Math.min(a.length(), b.length());
    for (int i = 0; i < length; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return codePointRank(x) - codePointRank(y);
      }
    }
    return a.length() - b.length();
  }

  /** Moves surrogates above U+E000..U+FFFF, where their code points (U+10000 up) belong. */
  private static int codePointRank(char c) {
    if (c >= 0xD800) {
      return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
    return c;
  }
}
