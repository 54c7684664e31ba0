package io.shopanalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultComparisonTest {
  private static ResultComparison.Keyed doc(String key, String... leaves) {
    Map<String, String> map = new java.util.TreeMap<>();
    for (int i = 0; i < leaves.length; i += 2) {
      map.put(leaves[i], leaves[i + 1]);
    }
    return new ResultComparison.Keyed(key, map);
  }

  @Test
  void identicalStreamsAreEqual() {
    List<ResultComparison.Keyed> docs = List.of(doc("a", "x", "1"), doc("b", "x", "2"));
    ResultComparison.Outcome outcome = ResultComparison.compare("c", docs.iterator(), docs.iterator());
    assertThat(outcome.equal()).isTrue();
    assertThat(outcome.suiteDocuments()).isEqualTo(2);
    assertThat(outcome.samples()).isEmpty();
  }

  @Test
  void aDifferingValueIsCountedAndSampledWithBothSides() {
    ResultComparison.Outcome outcome = ResultComparison.compare("c",
        List.of(doc("a", "x", "1", "y", "2")).iterator(), List.of(doc("a", "x", "1", "y", "3")).iterator());
    assertThat(outcome.equal()).isFalse();
    assertThat(outcome.differingDocuments()).isEqualTo(1);
    assertThat(outcome.differingFields()).isEqualTo(1);
    assertThat(outcome.samples()).containsExactly("a y: suite=2 duckdb=3");
  }

  @Test
  void aFieldOnOneSideOnlyIsADifference() {
    ResultComparison.Outcome outcome = ResultComparison.compare("c",
        List.of(doc("a", "x", "1")).iterator(), List.of(doc("a", "x", "1", "z", "null")).iterator());
    assertThat(outcome.samples()).containsExactly("a z: suite=(absent) duckdb=null");
  }

  @Test
  void documentsOnOneSideOnlyAreCountedOnTheirSide() {
    ResultComparison.Outcome outcome = ResultComparison.compare("c",
        List.of(doc("a"), doc("c")).iterator(), List.of(doc("b"), doc("c"), doc("d")).iterator());
    assertThat(outcome.onlySuite()).isEqualTo(1);
    assertThat(outcome.onlyDuckdb()).isEqualTo(2);
    assertThat(outcome.suiteDocuments()).isEqualTo(2);
    assertThat(outcome.duckdbDocuments()).isEqualTo(3);
    assertThat(outcome.equal()).isFalse();
  }
}
