package io.shopanalytics.jobs.analytics.transform;

import java.util.HashMap;
import java.util.Map;

/**
 * One instance of each name a merge task meets again and again (months, categories, payment
 * methods, the buyers of its products): every row read from the shuffle brings its own copy, and
 * state that lives through the merge should keep the shared one (docs/PERFORMANCE.md, 1).
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
