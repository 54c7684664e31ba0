package io.shopanalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SQL script's parsing and its rounding macros (DuckDB's own ROUND is not half-even on decimals). */
class DuckDbAnalyticsTest {
  private static final List<String> STATEMENTS = DuckDbAnalytics.statements(DuckDbAnalytics.script(),
      List.of(Period.parse("2024-01"), Period.parse("2024-02")), AsOf.of(LocalDate.of(2024, 2, 29)));

  @Test
  void placeholdersAreFilledAndCommentsDropped() {
    String all = String.join("\n", STATEMENTS);
    assertThat(all).doesNotContain("${").contains("DATE '2024-01-01', DATE '2024-02-01'").contains("DATE '2024-02-29'")
        .contains(Long.toString(AsOf.of(LocalDate.of(2024, 2, 29)).endExclusive().toEpochMilli()));
    assertThat(STATEMENTS).allSatisfy(statement -> assertThat(statement).doesNotStartWith("--"));
    assertThat(STATEMENTS).anySatisfy(statement -> assertThat(statement).contains("result_customer_analytics"));
  }

  @ParameterizedTest
  @CsvSource({
    "39.985, 39.98", "39.975, 39.98", "0.125, 0.12", "0.135, 0.14", "0.005, 0.00", "0.015, 0.02",
    "2.344999999999999999, 2.34", "2.345000000000000001, 2.35", "12345678901234567.125, 12345678901234567.12"
  })
  void moneyRoundsHalfToEven(String exact, String cents) throws Exception {
    assertThat(new BigDecimal(macro("cents(CAST('" + exact + "' AS DECIMAL(38,18)))")))
        .isEqualByComparingTo(cents);
  }

  @ParameterizedTest
  @CsvSource({"1, 8, 12.5", "1, 3, 33.3", "2, 3, 66.7", "0, 5, 0.0", "5, 0, 0.0", "1, 16, 6.2", "3, 16, 18.8"})
  void percentagesRoundHalfToEvenAndAZeroTotalIsZero(long part, long total, double expected) throws Exception {
    assertThat(Double.parseDouble(macro("pct(CAST(" + part + " AS DECIMAL(38,18)), CAST(" + total + " AS DECIMAL(38,18)))")))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"1, 8, 0.12", "3, 8, 0.38", "2, 3, 0.67", "0, 3, 0.0"})
  void ratiosRoundHalfToEvenToTwoDecimals(long numerator, long denominator, double expected) throws Exception {
    assertThat(Double.parseDouble(macro("ratio2(" + numerator + ", " + denominator + ")"))).isEqualTo(expected);
  }

  @Test
  void averagesDivideTheExactTotalOnce() throws Exception {
    // 10.005 / 1 and 0.01 / 2: half-even on the true quotient
    assertThat(new BigDecimal(macro("avg_money(CAST('10.005' AS DECIMAL(38,18)), 1)"))).isEqualByComparingTo("10.00");
    assertThat(new BigDecimal(macro("avg_money(CAST('0.03' AS DECIMAL(38,18)), 2)"))).isEqualByComparingTo("0.02");
  }

  /** Evaluates an expression with the script's macros defined. */
  private static String macro(String expression) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
         Statement statement = connection.createStatement()) {
      for (String sql : STATEMENTS) {
        if (sql.startsWith("CREATE OR REPLACE MACRO")) {
          statement.execute(sql);
        }
      }
      try (ResultSet result = statement.executeQuery("SELECT CAST(" + expression + " AS VARCHAR)")) {
        result.next();
        return result.getString(1);
      }
    }
  }
}
