package io.shopanalytics.jobs.oracle;

import java.util.ArrayList;
import java.util.List;

/** RFM scores and segments, docs/CONTRACT.md, "RFM" and "Segment". */
final class ReferenceRfm {
  private static final int QUINTILE_CUTS = 4;

  private ReferenceRfm() {}

  /** The three scores of one customer. */
  record Score(int recency, int frequency, int monetary) {
    int total() {
      return recency + frequency + monetary;
    }
  }

  /**
   * The score of every value, in the order given: with the values sorted ascending (duplicates
   * kept) and n their count, q_k is the value at 1-based rank ceil(k * n / 5) for k = 1..4, and a
   * value scores 1 + the number of k with value > q_k. Equal values always get equal scores.
   */
  static <T extends Comparable<? super T>> List<Integer> scores(List<T> values) {
    List<T> ascending = new ArrayList<>(values);
    ascending.sort(null);
    int n = ascending.size();
    List<T> cuts = new ArrayList<>();
    for (int k = 1; k <= QUINTILE_CUTS && n > 0; k++) {
      int rank = ceilDiv(k * n, 5);
      cuts.add(ascending.get(rank - 1));
    }
    List<Integer> scores = new ArrayList<>();
    for (T value : values) {
      int score = 1;
      for (T cut : cuts) {
        if (value.compareTo(cut) > 0) {
          score++;
        }
      }
      scores.add(score);
    }
    return scores;
  }

  /** The first matching segment of the table, in table order. */
  static String segment(Score score, long lifetimeOrders) {
    if (score.total() >= 13) {
      return "high_value";
    }
    if (score.frequency() >= 4) {
      return "loyal";
    }
    if (score.recency() >= 4 && lifetimeOrders == 1) {
      return "new";
    }
    if (score.recency() <= 2 && (score.frequency() >= 3 || score.monetary() >= 4)) {
      return "at_risk";
    }
    if (score.recency() <= 2) {
      return "hibernating";
    }
    return "regular";
  }

  private static int ceilDiv(int dividend, int divisor) {
    return (dividend + divisor - 1) / divisor;
  }
}
