package io.shopanalytics.common.source.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongBinaryOperator;

/**
 * Cuts a time range into slices of about the target number of documents, following where the
 * documents are: the fullest slice is halved, its left half counted (the right half is the parent's
 * count minus it), until every slice fits or the counting budget is spent. Slices still too full
 * are then cut into equal widths, and runs of small neighbours merged up to the target.
 *
 * <p>Cost: halving a slice counts half of its documents, so each level of halving counts about half
 * of the range once more; the budget ({@link #COUNT_BUDGET} times the range's documents) allows
 * four levels, 16-way skew awareness, before falling back to equal widths. On MongoDB each count is
 * an index count on {@code created_at}; on the embedded server every count is a full scan, which
 * its small data sets afford.
 */
final class TimeSliceSizing {
  /** Documents counted while sizing, at most, as a multiple of the range's documents. */
  static final double COUNT_BUDGET = 2.0;

  /** {@code [low, high)} in epoch milliseconds, with its (estimated) documents. */
  record Slice(long low, long high, long documents) {}

  private TimeSliceSizing() {}

  /**
   * @param counter counts the documents of {@code [low, high)}
   * @return adjacent slices covering exactly {@code [low, high)}, in time order
   */
  static List<Slice> slices(long low, long high, long documents, int targetDocuments, LongBinaryOperator counter) {
    List<Slice> leaves = bisect(new Slice(low, high, documents), targetDocuments, counter);
    List<Slice> pieces = new ArrayList<>();
    for (Slice leaf : leaves) {
      pieces.addAll(equalWidths(leaf, targetDocuments));
    }
    return mergeSmallNeighbours(pieces, targetDocuments);
  }

  private static List<Slice> bisect(Slice whole, int targetDocuments, LongBinaryOperator counter) {
    PriorityQueue<Slice> fullestFirst = new PriorityQueue<>(Comparator.comparingLong(Slice::documents).reversed());
    fullestFirst.add(whole);
    double budget = COUNT_BUDGET * whole.documents();
    double spent = 0;
    List<Slice> leaves = new ArrayList<>();
    while (!fullestFirst.isEmpty()) {
      Slice slice = fullestFirst.poll();
      if (slice.documents() <= targetDocuments || slice.high() - slice.low() < 2
          || spent + slice.documents() / 2.0 > budget) {
        leaves.add(slice);
        continue;
      }
      long middle = slice.low() + (slice.high() - slice.low()) / 2;
      long left = counter.applyAsLong(slice.low(), middle);
      spent += left;
      fullestFirst.add(new Slice(slice.low(), middle, left));
      fullestFirst.add(new Slice(middle, slice.high(), Math.max(0, slice.documents() - left)));
    }
    leaves.sort(Comparator.comparingLong(Slice::low));
    return leaves;
  }

  private static List<Slice> equalWidths(Slice slice, int targetDocuments) {
    long width = slice.high() - slice.low();
    long pieces = Math.min(width, Math.max(1, (slice.documents() + targetDocuments - 1) / targetDocuments));
    List<Slice> result = new ArrayList<>();
    for (long i = 0; i < pieces; i++) {
      long from = slice.low() + width * i / pieces;
      long to = i == pieces - 1 ? slice.high() : slice.low() + width * (i + 1) / pieces;
      result.add(new Slice(from, to, slice.documents() / pieces));
    }
    return result;
  }

  private static List<Slice> mergeSmallNeighbours(List<Slice> pieces, int targetDocuments) {
    List<Slice> merged = new ArrayList<>();
    for (Slice piece : pieces) {
      Slice last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && last.documents() + piece.documents() <= targetDocuments) {
        merged.set(merged.size() - 1, new Slice(last.low(), piece.high(), last.documents() + piece.documents()));
      } else {
        merged.add(piece);
      }
    }
    return merged;
  }
}
