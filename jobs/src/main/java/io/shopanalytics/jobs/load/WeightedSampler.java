package io.shopanalytics.jobs.load;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws an index with probability proportional to its weight (cumulative sums, binary search). */
final class WeightedSampler {
  private final double[] cumulative;

  WeightedSampler(double[] weights) {
    if (weights.length == 0) {
      throw new IllegalArgumentException("no weights");
    }
    cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] < 0) {
        throw new IllegalArgumentException("negative weight at " + i);
      }
      sum += weights[i];
      cumulative[i] = sum;
    }
  }

  int size() {
    return cumulative.length;
  }

  int pick(SplittableRandom random) {
    return pickBelow(random, cumulative.length);
  }

  /**
   * Draws among the first {@code limit} indexes only; uniformly when they all weigh zero, so a
   * caller never gets an index outside the range it allowed.
   */
  int pickBelow(SplittableRandom random, int limit) {
    double total = cumulative[limit - 1];
    if (total <= 0) {
      return random.nextInt(limit);
    }
    double target = random.nextDouble() * total;
    int found = Arrays.binarySearch(cumulative, 0, limit, target);
    int index = found >= 0 ? found + 1 : -found - 1;
    // skip zero-weight entries that share the cumulative value hit exactly
    while (index < limit - 1 && cumulative[index] <= target) {
      index++;
    }
    return Math.min(index, limit - 1);
  }

  /** Weights 1/rank^exponent for ranks 1..n: a few heavy hitters and a long tail. */
  static WeightedSampler zipf(int n, double exponent) {
    double[] weights = new double[n];
    for (int rank = 1; rank <= n; rank++) {
      weights[rank - 1] = 1.0 / Math.pow(rank, exponent);
    }
    return new WeightedSampler(weights);
  }

  /** A probability of each index, for expectations (e.g. a product's expected sales). */
  double probability(int index) {
    double total = cumulative[cumulative.length - 1];
    double previous = index == 0 ? 0 : cumulative[index - 1];
    return total <= 0 ? 1.0 / cumulative.length : (cumulative[index] - previous) / total;
  }
}
