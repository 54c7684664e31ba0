package io.shopanalytics.jobs.analytics.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_timestamp;

import org.apache.spark.sql.Column;

/** {@code period_start} and {@code period_end} (last second of the month, as the design stores it). */
final class PeriodColumns {
  static final String PERIOD_START = "period_start";
  static final String PERIOD_END = "period_end";

  private PeriodColumns() {}

  static Column start() {
    return to_timestamp(concat(col(SaleData.PERIOD), lit("-01 00:00:00")));
  }

  static Column end() {
    return expr("to_timestamp(concat(" + SaleData.PERIOD + ", '-01 00:00:00')) + INTERVAL 1 MONTH - INTERVAL 1 SECOND");
  }
}
