package io.shopanalytics.jobs.analytics.transform;

import java.util.HashMap;
import java.util.Map;

/**
 * One instance of each of the few distinct names a merge task meets (months, categories, payment
 * methods): every row read from the shuffle brings its own copy, and state that keeps a name
 * should keep the shared one.
 */
final class CanonicalNames {
  private final Map<String, String> names = new HashMap<>();

  String of(String name) {
    if (name == null) {
      return null;
    }
    String known = names.putIfAbsent(name, name);
    return known == null ? name : known;
  }
}
