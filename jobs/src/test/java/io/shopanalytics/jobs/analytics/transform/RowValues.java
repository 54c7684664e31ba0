package io.shopanalytics.jobs.analytics.transform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/**
 * The transforms' output rows as plain Java values, to compare with hand-written expectations:
 * a struct becomes the list of its values in schema order, an array the list of its elements. The
 * values keep their Java types, so an expectation also pins them: {@code 3L} is a bigint count,
 * {@code 3} an int, {@code money("4.90")} a decimal with exactly 2 decimals, {@code 12.2} a double.
 */
final class RowValues {
  private RowValues() {}

  /** A stored amount: its scale is part of what is compared ({@code 4.9} is not {@code 4.90}). */
  static BigDecimal money(String amount) {
    return new BigDecimal(amount);
  }

  /** Every row, sorted by the string column {@code key}. */
  static List<Row> sortedBy(Dataset<Row> rows, String key) {
    List<Row> all = new ArrayList<>(rows.collectAsList());
    all.sort(Comparator.comparing(row -> row.<String>getAs(key)));
    return all;
  }

  /** The values of {@code fields} of {@code row}, in that order. */
  static List<Object> fields(Row row, String... fields) {
    return Arrays.stream(fields).map(field -> plain(row.get(row.fieldIndex(field)))).toList();
  }

  /** One field of {@code row}: a struct's values or an array's elements as lists. */
  static Object field(Row row, String field) {
    return plain(row.get(row.fieldIndex(field)));
  }

  /** Builds an expected struct or array entry: {@code entry("2024-11-03", 2L, money("30.02"))}. */
  static List<Object> entry(Object... values) {
    return Arrays.asList(values);
  }

  private static Object plain(Object value) {
    if (value instanceof Row row) {
      List<Object> values = new ArrayList<>(row.size());
      for (int i = 0; i < row.size(); i++) {
        values.add(plain(row.get(i)));
      }
      return values;
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      List<Object> values = new ArrayList<>();
      for (Object element : JavaConverters.seqAsJavaList(seq)) {
        values.add(plain(element));
      }
      return values;
    }
    return value;
  }
}
