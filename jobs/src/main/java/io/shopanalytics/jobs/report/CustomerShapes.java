package io.shopanalytics.jobs.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.bson.Document;

/** What the customer charts receive, shaped from customer_analytics and customer_segment_history (pure). */
public final class CustomerShapes {
  /** The segments in the order their rules are tried (the most valuable first). */
  public static final List<String> SEGMENTS = List.of("high_value", "loyal", "new", "at_risk", "hibernating",
      "regular");
  /** RFM totals run from 3 (1+1+1) to 15 (5+5+5). */
  static final int MIN_SCORE = 3;
  static final int MAX_SCORE = 15;

  private CustomerShapes() {}

  public record SegmentRow(String segment, long customers) {}

  /** The snapshot's segment sizes, every segment listed (0 when empty), as of the snapshot's date. */
  public record Segments(String asOf, long customers, List<SegmentRow> rows) {}

  public record ScoreRow(int total, long customers) {}

  public record HistorySeries(String segment, List<Long> customers) {}

  /** Segment sizes per as_of date of the history. */
  public record SegmentHistory(List<String> dates, List<HistorySeries> series) {}

  public record CustomerRow(int rank, String userId, String email, String segment, long orders, String spent,
      Integer rfmTotal) {}

  /** @param groups {@code {_id: segment, customers}} */
  public static Segments segments(List<Document> groups, Document snapshot) {
    Map<String, Long> sizes = new HashMap<>();
    groups.forEach(group -> sizes.put(String.valueOf(group.get("_id")), Figures.count(group.get("customers"))));
    List<SegmentRow> rows = ordered(sizes.keySet()).stream()
        .map(segment -> new SegmentRow(segment, sizes.getOrDefault(segment, 0L))).toList();
    long customers = sizes.values().stream().mapToLong(Long::longValue).sum();
    return new Segments(snapshot == null ? null : Figures.day(snapshot.get("as_of")), customers, rows);
  }

  /** @param groups {@code {_id: rfm total, customers}}; every total from 3 to 15 is listed */
  public static List<ScoreRow> scores(List<Document> groups) {
    Map<Integer, Long> counts = new HashMap<>();
    for (Document group : groups) {
      if (group.get("_id") instanceof Number total) {
        counts.put(total.intValue(), Figures.count(group.get("customers")));
      }
    }
    return IntStream.rangeClosed(MIN_SCORE, MAX_SCORE)
        .mapToObj(total -> new ScoreRow(total, counts.getOrDefault(total, 0L))).toList();
  }

  public static SegmentHistory history(List<Document> snapshots) {
    List<String> dates = snapshots.stream().map(s -> String.valueOf(s.get("_id"))).toList();
    Set<String> seen = new LinkedHashSet<>();
    snapshots.forEach(s -> seen.addAll(Figures.sub(s, "segments").keySet()));
    List<HistorySeries> series = ordered(seen).stream()
        .map(segment -> new HistorySeries(segment, snapshots.stream()
            .map(s -> Figures.count(Figures.sub(s, "segments").get(segment))).toList()))
        .toList();
    return new SegmentHistory(dates, series);
  }

  public static List<CustomerRow> topCustomers(List<Document> customers) {
    List<CustomerRow> rows = new ArrayList<>();
    for (Document customer : customers) {
      Document lifetime = Figures.sub(customer, "lifetime_metrics");
      Object total = Figures.sub(customer, "rfm_score").get("total");
      rows.add(new CustomerRow(rows.size() + 1, Figures.id(customer.get("user_id")),
          customer.get("email") instanceof String email ? email : null, customer.getString("customer_segment"),
          Figures.count(lifetime.get("total_orders")), Figures.money(lifetime.get("total_spent")),
          total instanceof Number number ? number.intValue() : null));
    }
    return rows;
  }

  /** The known segments in rule order, then any other name found (sorted), so none is dropped. */
  private static List<String> ordered(Set<String> found) {
    List<String> ordered = new ArrayList<>(SEGMENTS);
    found.stream().filter(s -> !SEGMENTS.contains(s)).sorted().forEach(ordered::add);
    return ordered;
  }
}
