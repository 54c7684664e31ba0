package io.shopanalytics.jobs.analytics.transform;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * An array field of a row as a list, however it is held: a Scala sequence in a row Spark decoded,
 * the Java array a function built when Spark hands that function's rows straight to the next one
 * (it drops the encoding between two functions on rows).
 */
final class RowArrays {
  private RowArrays() {}

  static List<?> list(Row row, int field) {
    Object value = row.get(field);
    if (value instanceof Object[]) {
      return Arrays.asList((Object[]) value);
    }
    if (value instanceof Seq) {
      return JavaConverters.seqAsJavaList((Seq<?>) value);
    }
    return (List<?>) value;
  }
}
