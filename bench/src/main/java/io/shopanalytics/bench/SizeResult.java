package io.shopanalytics.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every figure of one data size, as the JSON line carries it. */
final class SizeResult {
  final int orders;
  final Map<String, Object> fields = new LinkedHashMap<>();
  Runs.Figure loader;
  Runs.Figure floor;
  /** Orders/s of the loader's generation and encoding alone, one thread, no server. */
  Double generation;
  Runs.Figure scan;
  Runs.Figure connector;
  Runs.Figure suite;
  Runs.Figure compute;
  Runs.Figure duckdb;
  Boolean duckdbEqual;
  long peakHeapBytes;

  SizeResult(int orders) {
    this.orders = orders;
  }

  /** Loader orders/s over floor orders/s, from the medians of seconds per run (here: docs/s per run). */
  Double loadOverFloor() {
    return loader == null || floor == null ? null : ratio(loader.median(), floor.median());
  }

  Double suiteOverScan() {
    return suite == null || scan == null ? null : ratio(suite.median(), scan.median());
  }

  Double computeOverDuckdb() {
    return compute == null || duckdb == null ? null : ratio(compute.median(), duckdb.median());
  }

  Double readerOverConnector() {
    return scan == null || connector == null ? null : ratio(scan.median(), connector.median());
  }

  /**
   * What the suite's CPU adds over the scan floor's, by process: the stand-in's (its side of the
   * writes: the upserts and the sweep of stale documents) and this JVM's (Spark's decoding,
   * validation, aggregation, merge and the writes' encoding); and the suite over the scan the two
   * processes' CPU would give if Spark's part were free, which on a machine they keep busy is the
   * least the ratio can be (docs/PERFORMANCE.md, 1). Null unless both figures metered both.
   */
  Map<String, Object> suiteCpuOverScan() {
    if (suite == null || scan == null || suite.serverCpuMedian() == null || scan.serverCpuMedian() == null) {
      return null;
    }
    double scanCpu = scan.driverCpuMedian() + scan.serverCpuMedian();
    double standInExtra = suite.serverCpuMedian() - scan.serverCpuMedian();
    Map<String, Object> split = new LinkedHashMap<>();
    split.put("scan_cpu_s", Runs.round(scanCpu));
    split.put("stand_in_extra_cpu_s", Runs.round(standInExtra));
    split.put("driver_extra_cpu_s", Runs.round(suite.driverCpuMedian() - scan.driverCpuMedian()));
    split.put("suite_over_scan_with_free_compute", ratio(scanCpu + standInExtra, scanCpu));
    return split;
  }

  static Double ratio(double a, double b) {
    return b <= 0 ? null : Math.round(a / b * 1000) / 1000.0;
  }

  Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("orders", orders);
    map.putAll(fields);
    if (loader != null) {
      map.put("load_loader_orders_per_s", rate(loader));
      map.put("load_floor_orders_per_s", rate(floor));
      map.put("load_over_floor", loadOverFloor());
      map.put("load_generation_orders_per_s", generation == null ? null : Math.round(generation));
    }
    put(map, "scan_floor", scan);
    put(map, "suite", suite);
    map.put("suite_over_scan", suiteOverScan());
    map.put("suite_cpu_over_scan", suiteCpuOverScan());
    put(map, "compute_only", compute);
    put(map, "duckdb", duckdb);
    map.put("compute_over_duckdb", computeOverDuckdb());
    put(map, "connector_scan", connector);
    map.put("reader_over_connector", readerOverConnector());
    map.put("duckdb_results_equal", duckdbEqual);
    map.put("driver_peak_heap_mb", peakHeapBytes / (1024 * 1024));
    return map;
  }

  private static Map<String, Object> rate(Runs.Figure figure) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("median", Math.round(figure.median()));
    map.put("runs", figure.seconds().size());
    map.put("values", figure.seconds().stream().map(Math::round).toList());
    return map;
  }

  private static void put(Map<String, Object> map, String name, Runs.Figure figure) {
    if (figure != null) {
      map.put(name, figure.toMap());
    }
  }
}
