package io.shopanalytics.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Two sorted streams of keyed documents (the suite's, read back from MongoDB, and DuckDB's)
 * compared field by field. Nothing is tolerated: a document on one side only, a leaf missing on
 * one side, or two different values is a difference, and the first few are kept as samples.
 */
final class ResultComparison {
  static final int SAMPLES = 5;

  /** One document: its key (the merge order) and its leaves. */
  record Keyed(String key, Map<String, String> leaves) {}

  /** What one collection's comparison found. */
  record Outcome(String collection, long suiteDocuments, long duckdbDocuments, long onlySuite, long onlyDuckdb,
      long differingDocuments, long differingFields, List<String> samples) {
    boolean equal() {
      return onlySuite == 0 && onlyDuckdb == 0 && differingDocuments == 0;
    }

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("equal", equal());
      map.put("suite_documents", suiteDocuments);
      map.put("duckdb_documents", duckdbDocuments);
      map.put("only_suite", onlySuite);
      map.put("only_duckdb", onlyDuckdb);
      map.put("differing_documents", differingDocuments);
      map.put("differing_fields", differingFields);
      map.put("samples", samples);
      return map;
    }
  }

  private ResultComparison() {}

  /** Both iterators must be sorted by key, ascending, by the same string order. */
  static Outcome compare(String collection, Iterator<Keyed> suite, Iterator<Keyed> duckdb) {
    long suiteCount = 0;
    long duckdbCount = 0;
    long onlySuite = 0;
    long onlyDuckdb = 0;
    long differingDocuments = 0;
    long differingFields = 0;
    List<String> samples = new ArrayList<>();
    Keyed left = next(suite);
    Keyed right = next(duckdb);
    while (left != null || right != null) {
      int order = left == null ? 1 : right == null ? -1 : left.key().compareTo(right.key());
      if (order < 0) {
        onlySuite++;
        suiteCount++;
        sample(samples, left.key() + ": only in the suite's output");
        left = next(suite);
      } else if (order > 0) {
        onlyDuckdb++;
        duckdbCount++;
        sample(samples, right.key() + ": only in DuckDB's output");
        right = next(duckdb);
      } else {
        List<String> fields = differences(left.leaves(), right.leaves());
        if (!fields.isEmpty()) {
          differingDocuments++;
          differingFields += fields.size();
          for (String field : fields) {
            sample(samples, left.key() + " " + field);
          }
        }
        suiteCount++;
        duckdbCount++;
        left = next(suite);
        right = next(duckdb);
      }
    }
    return new Outcome(collection, suiteCount, duckdbCount, onlySuite, onlyDuckdb, differingDocuments,
        differingFields, List.copyOf(samples));
  }

  /** Every path whose value differs, as {@code path: suite=... duckdb=...}. */
  static List<String> differences(Map<String, String> suite, Map<String, String> duckdb) {
    List<String> found = new ArrayList<>();
    TreeSet<String> paths = new TreeSet<>(suite.keySet());
    paths.addAll(duckdb.keySet());
    for (String path : paths) {
      String a = suite.get(path);
      String b = duckdb.get(path);
      if (!Objects.equals(a, b)) {
        found.add(path + ": suite=" + (a == null ? "(absent)" : a) + " duckdb=" + (b == null ? "(absent)" : b));
      }
    }
    return found;
  }

  private static Keyed next(Iterator<Keyed> documents) {
    return documents.hasNext() ? documents.next() : null;
  }

  private static void sample(List<String> samples, String text) {
    if (samples.size() < SAMPLES) {
      samples.add(text);
    }
  }
}
