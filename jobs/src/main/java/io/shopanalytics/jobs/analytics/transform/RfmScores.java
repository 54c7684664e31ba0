package io.shopanalytics.jobs.analytics.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * RFM scores and segments (docs/CONTRACT.md): score = 1 + the number of quintile cut points the value
 * exceeds, so equal values always score the same; the segment is the first rule that matches.
 */
final class RfmScores {
  static final String RECENCY = "recency";
  static final String FREQUENCY = "frequency";
  static final String MONETARY = "monetary";
  static final String TOTAL = "total";

  private RfmScores() {}

  /**
   * Adds {@code recency}, {@code frequency}, {@code monetary}, {@code total} scores computed over
   * all rows of {@code customers}, from the given value columns.
   */
  static Dataset<Row> score(Dataset<Row> customers, Column recencyValue, Column frequencyValue, Column monetaryValue) {
    Map<String, Column> values = new LinkedHashMap<>();
    values.put(RECENCY, recencyValue);
    values.put(FREQUENCY, frequencyValue);
    values.put(MONETARY, monetaryValue);
    Map<String, BigDecimal[]> cuts = NearestRankCutPoints.of(customers, values);
    return customers
        .withColumn(RECENCY, score(recencyValue, cuts.get(RECENCY)))
        .withColumn(FREQUENCY, score(frequencyValue, cuts.get(FREQUENCY)))
        .withColumn(MONETARY, score(monetaryValue, cuts.get(MONETARY)))
        .withColumn(TOTAL, col(RECENCY).plus(col(FREQUENCY)).plus(col(MONETARY)).cast(DataTypes.IntegerType));
  }

  private static Column score(Column value, BigDecimal[] cutPoints) {
    Column score = lit(1);
    for (BigDecimal cut : cutPoints) {
      score = score.plus(when(value.cast(DataTypes.createDecimalType(38, 2)).gt(lit(cut)), 1).otherwise(0));
    }
    return score.cast(DataTypes.IntegerType);
  }

  /** The first matching segment of segment table of docs/CONTRACT.md. */
  static Column segment(Column lifetimeOrders) {
    return when(col(TOTAL).geq(13), "high_value")
        .when(col(FREQUENCY).geq(4), "loyal")
        .when(col(RECENCY).geq(4).and(lifetimeOrders.equalTo(1)), "new")
        .when(col(RECENCY).leq(2).and(col(FREQUENCY).geq(3).or(col(MONETARY).geq(4))), "at_risk")
        .when(col(RECENCY).leq(2), "hibernating")
        .otherwise("regular");
  }
}
