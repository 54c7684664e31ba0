package io.shopanalytics.jobs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON that can sit inside an HTML {@code <script>} element whatever the data holds. Product names
 * and emails come from the shop's users and sellers: a name containing {@code </script>} must stay
 * a name. Non-ASCII characters (U+2028/U+2029 among them) are written as {@code \\uXXXX} escapes,
 * and so are {@code <}, {@code >} and {@code &}; they can only occur inside JSON strings, where the
 * escape means the same character to {@code JSON.parse}.
 */
final class ScriptJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .build();

  private ScriptJson() {}

  static String of(Object value) {
    try {
      return MAPPER.writeValueAsString(value)
          .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The report's data cannot be written as JSON", e);
    }
  }
}
