package io.shopanalytics.common.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Connection-string editing for {@link MongoSettings}: the read preference's parameters and the pool size. */
final class ConnectionUris {
  private static final Set<String> READ_PREFERENCE_PARAMETERS =
      Set.of("readpreference", "readpreferencetags", "maxstalenessseconds");
  private static final String POOL_PARAMETER = "maxpoolsize";

  private ConnectionUris() {}

  /**
   * The tag sets in order of preference, separated by ';'. The empty set (any member) is written
   * {@code {}} or left empty after a ';' ({@code region:eu;} = region eu, else any member). Sets
   * after an empty one could never be used: they are dropped.
   */
  static List<String> tagSets(String readPreferenceTags) {
    List<String> sets = new ArrayList<>();
    if (readPreferenceTags.isBlank()) {
      return sets;
    }
    for (String set : readPreferenceTags.split(";", -1)) {
      String trimmed = set.trim();
      boolean any = trimmed.isEmpty() || trimmed.equals(MongoSettings.ANY_MEMBER_TAG_SET);
      sets.add(any ? "" : trimmed);
      if (any) {
        break;
      }
    }
    return sets;
  }

  /** {@code k:v,k2:v2} with each key and value percent-encoded (a tag value may hold ':', ',', '&' or spaces). */
  static String encodeTagSet(String tagSet) {
    List<String> tags = new ArrayList<>();
    for (String tag : tagSet.isEmpty() ? new String[0] : tagSet.split(",")) {
      String[] keyValue = tag.split(":", 2);
      tags.add(encode(keyValue[0].trim()) + ":" + (keyValue.length > 1 ? encode(keyValue[1].trim()) : ""));
    }
    return String.join(",", tags);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * The URI with its read preference parameters replaced by {@code added}; its own
   * {@code maxPoolSize} stays unless a setting replaces it.
   */
  static String withParameters(String uri, List<String> added, boolean replacePoolSize) {
    int query = uri.indexOf('?');
    String base = query < 0 ? uri : uri.substring(0, query);
    List<String> kept = new ArrayList<>();
    if (query >= 0) {
      for (String parameter : uri.substring(query + 1).split("&")) {
        String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
        boolean replaced = READ_PREFERENCE_PARAMETERS.contains(name) || (replacePoolSize && name.equals(POOL_PARAMETER));
        if (!parameter.isEmpty() && !replaced) {
          kept.add(parameter);
        }
      }
    }
    kept.addAll(added);
    if (kept.isEmpty()) {
      return base;
    }
    // a URI without a path needs the '/' before its options
    String separator = base.substring(base.indexOf("://") + 3).contains("/") ? "?" : "/?";
    return base + separator + String.join("&", kept);
  }
}
