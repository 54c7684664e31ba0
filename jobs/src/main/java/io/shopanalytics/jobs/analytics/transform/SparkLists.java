package io.shopanalytics.jobs.analytics.transform;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RelationalGroupedDataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** Bridges between Java arrays and the Scala collections some Spark methods take. */
final class SparkLists {
  private SparkLists() {}

  /** {@code group.agg(all...)} for a list built elsewhere (Spark's Java form splits off the first). */
  static Dataset<Row> agg(RelationalGroupedDataset group, Column... all) {
    return group.agg(all[0], Arrays.copyOfRange(all, 1, all.length));
  }

  /** Column names for an equi-join on same-named columns. */
  static Seq<String> columns(String... names) {
    return JavaConverters.asScalaBuffer(Arrays.asList(names)).toSeq();
  }

  static Column[] concat(Column[] first, Column... rest) {
    Column[] all = Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }
}
