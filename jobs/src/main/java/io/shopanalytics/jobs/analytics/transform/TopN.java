package io.shopanalytics.jobs.analytics.transform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The first {@code n} of a collection in an order, without sorting all of it. */
final class TopN {
  private TopN() {}

  /** The first {@code n} elements of {@code all} in {@code order} (all of them when fewer), in that order. */
  static <T> List<T> of(Collection<T> all, Comparator<? super T> order, int n) {
    // a heap of the best n so far whose head is the worst of them
    PriorityQueue<T> best = new PriorityQueue<>(Math.min(all.size(), n) + 1, order.reversed());
    for (T candidate : all) {
      if (best.size() < n) {
        best.add(candidate);
      } else if (order.compare(candidate, best.peek()) < 0) {
        best.poll();
        best.add(candidate);
      }
    }
    List<T> first = new ArrayList<>(best);
    first.sort(order);
    return first;
  }
}
