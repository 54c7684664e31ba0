package io.shopanalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  private static SizeResult size(int orders, double suiteSeconds) {
    SizeResult result = new SizeResult(orders);
    result.suite = new Runs.Figure(suiteSeconds, List.of(suiteSeconds), 1);
    result.scan = new Runs.Figure(suiteSeconds / 2, List.of(suiteSeconds / 2), 1);
    result.connector = new Runs.Figure(suiteSeconds, List.of(suiteSeconds), 1);
    result.compute = new Runs.Figure(3, List.of(3.0), 1);
    result.duckdb = new Runs.Figure(1, List.of(1.0), 1);
    result.loader = new Runs.Figure(900, List.of(900.0), 0);
    result.floor = new Runs.Figure(1000, List.of(1000.0), 0);
    result.duckdbEqual = true;
    return result;
  }

  @Test
  void theJsonLineCarriesTheIssuesKeysFromTheLargestSize() {
    Map<String, Object> report = new LinkedHashMap<>();
    BenchReport.summarize(report, List.of(size(100_000, 10), size(1_000_000, 90)));
    assertThat(report).containsKeys(BenchReport.KEYS.toArray(new String[0]));
    assertThat(report.get("ratios_at_orders")).isEqualTo(1_000_000);
    assertThat(report.get("suite_over_scan")).isEqualTo(2.0);
    assertThat(report.get("compute_over_duckdb")).isEqualTo(3.0);
    assertThat(report.get("reader_over_connector")).isEqualTo(0.5);
    assertThat(report.get("load_over_floor")).isEqualTo(0.9);
    assertThat(report.get("scaling_1m_over_100k")).isEqualTo(9.0);
    assertThat(report.get("duckdb_results_equal")).isEqualTo(true);
  }

  @Test
  void scalingNeedsBothSizes() {
    Map<String, Object> report = new LinkedHashMap<>();
    BenchReport.summarize(report, List.of(size(300_000, 10)));
    assertThat(report.get("scaling_1m_over_100k")).isNull();
  }

  @Test
  void oneDisagreementAnywhereMakesTheResultsUnequal() {
    SizeResult disagreeing = size(300_000, 10);
    disagreeing.duckdbEqual = false;
    Map<String, Object> report = new LinkedHashMap<>();
    BenchReport.summarize(report, List.of(size(100_000, 10), disagreeing));
    assertThat(report.get("duckdb_results_equal")).isEqualTo(false);
  }
}
