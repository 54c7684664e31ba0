package io.shopanalytics.jobs.analytics.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Nested arrays in a fixed order. Entries are collected as structs whose leading fields are the
 * sort key ({@code sort_array} orders structs field by field), then the key fields are dropped.
 */
final class RankedArrays {
  private RankedArrays() {}

  /** An aggregate: the entries sorted ascending by {@code sortKeys}, then reduced to {@code fields}. */
  static Column sortedList(Column[] sortKeys, String... fields) {
    Column[] entry = new Column[sortKeys.length + fields.length];
    for (int i = 0; i < sortKeys.length; i++) {
      entry[i] = sortKeys[i].as("k" + i);
    }
    for (int i = 0; i < fields.length; i++) {
      entry[sortKeys.length + i] = col(fields[i]);
    }
    return sort_array(collect_list(struct(entry)));
  }

  /** Keeps {@code fields} of every struct of {@code arrayColumn}, in that order. */
  static Column project(String arrayColumn, String... fields) {
    String named = Arrays.stream(fields).map(f -> "'" + f + "', e." + f).collect(Collectors.joining(", "));
    return expr("transform(" + arrayColumn + ", e -> named_struct(" + named + "))");
  }

  /** The first {@code limit} entries (all when fewer). */
  static Column firstN(String arrayColumn, int limit) {
    return expr("slice(" + arrayColumn + ", 1, " + limit + ")");
  }

  /**
   * Keeps the first {@code n} rows of each group in {@code order}, numbered from 1 in column
   * {@code rankColumn}. A window partitioned by the group: never one over the whole data set.
   */
  static Dataset<Row> topN(Dataset<Row> rows, Column[] group, Column[] order, int n, String rankColumn) {
    WindowSpec window = Window.partitionBy(group).orderBy(order);
    return rows.withColumn(rankColumn, row_number().over(window))
        .where(col(rankColumn).leq(n));
  }
}
