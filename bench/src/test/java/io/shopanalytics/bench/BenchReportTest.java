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

  private static Runs.Figure metered(double seconds, double driverCpu, Double standInCpu) {
    return new Runs.Figure(seconds, List.of(seconds), 1, List.of(), List.of(),
        List.of(new ProcessCpu.Reading(driverCpu, standInCpu)));
  }

  @Test
  void theSuitesExtraCpuSplitsIntoTheStandInsAndSparks() {
    SizeResult result = size(1_000_000, 72);
    result.scan = metered(51, 2.5, 91.5);
    result.suite = metered(72, 25, 114.5);
    Map<String, Object> report = new LinkedHashMap<>();
    BenchReport.summarize(report, List.of(result));
    // (2.5 + 91.5 + 23) / (2.5 + 91.5)
    assertThat(report.get("suite_cpu_over_scan")).isEqualTo(Map.of("scan_cpu_s", 94.0, "stand_in_extra_cpu_s", 23.0,
        "driver_extra_cpu_s", 22.5, "suite_over_scan_with_free_compute", 1.245));
    assertThat(BenchReport.targets(report)).contains("the scan 94.0 s; the suite adds 23.0 s in the stand-in, 22.5 s"
        + " in Spark's JVM; with Spark's part free the ratio would be 1.245");
  }

  @Test
  void noSplitWithoutTheStandInsCpu() {
    SizeResult result = size(1_000_000, 72);
    result.scan = metered(51, 2.5, null);
    result.suite = metered(72, 25, null);
    Map<String, Object> report = new LinkedHashMap<>();
    BenchReport.summarize(report, List.of(result));
    assertThat(report.get("suite_cpu_over_scan")).isNull();
    assertThat(BenchReport.targets(report)).doesNotContain("suite over scan in CPU");
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
