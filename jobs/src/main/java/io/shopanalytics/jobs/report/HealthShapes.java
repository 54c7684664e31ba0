package io.shopanalytics.jobs.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;

/** What the data-health section receives, shaped from analytics_runs (pure; "now" is given). */
public final class HealthShapes {
  private HealthShapes() {}

  /**
   * One run: {@code periods} and {@code rejects} joined for reading ("2024-11, 2024-12",
   * "created_at_invalid 1, item_quantity_invalid 2"), {@code seconds} null while it runs.
   */
  public record RunRow(String id, String job, String status, String mode, String periods, String asOf,
      String startedAt, Double seconds, long ordersRead, long rejectsTotal, String rejects, long written,
      long removed) {}

  /** How old the newest data is: from the newest run record, else from the collections' updated_at. */
  public record Freshness(String source, String at, long ageMinutes, String age) {}

  public record ShardRow(String shard, long partitions, long documents, Double seconds) {}

  public record ShardBalance(String runId, Double imbalance, List<ShardRow> shards) {}

  public static List<RunRow> runs(List<Document> runs) {
    List<RunRow> rows = new ArrayList<>();
    for (Document run : runs) {
      Instant started = Figures.instant(run.get("started_at"));
      Instant finished = Figures.instant(run.get("finished_at"));
      Double seconds = started == null || finished == null ? null
          : Duration.between(started, finished).toMillis() / 1000.0;
      Document rejects = Figures.sub(run, "rejects");
      long written = 0;
      long removed = 0;
      for (Object outcome : Figures.sub(run, "collections").values()) {
        if (outcome instanceof Document counts) {
          written += Figures.count(counts.get("written"));
          removed += Figures.count(counts.get("removed"));
        }
      }
      rows.add(new RunRow(String.valueOf(run.get("_id")), run.getString("job"), run.getString("status"),
          run.getString("mode"), String.join(", ", run.getList("periods", String.class, List.of())),
          Figures.day(run.get("as_of")), Figures.instant(started), seconds, Figures.count(run.get("orders_read")),
          Figures.count(run.get("rejects_total")), joined(rejects), written, removed));
    }
    return rows;
  }

  private static String joined(Document counts) {
    return counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + " " + Figures.count(e.getValue())).collect(Collectors.joining(", "));
  }

  /**
   * @param runs newest first
   * @param lastWritten the analytics document written last, used when there are no run records
   */
  public static Freshness freshness(List<Document> runs, Document lastWritten, Instant now) {
    if (!runs.isEmpty()) {
      Document newest = runs.get(0);
      Instant finished = Figures.instant(newest.get("finished_at"));
      Instant at = finished != null ? finished : Figures.instant(newest.get("started_at"));
      String source = finished != null ? "newest run finished" : "newest run started (still running)";
      return at == null ? null : of(source, at, now);
    }
    Instant written = lastWritten == null ? null : Figures.instant(lastWritten.get("updated_at"));
    return written == null ? null : of("analytics last written (no run records)", written, now);
  }

  private static Freshness of(String source, Instant at, Instant now) {
    long minutes = Math.max(0, Duration.between(at, now).toMinutes());
    String age = minutes < 60 ? minutes + " min"
        : minutes < 48 * 60 ? minutes / 60 + " h " + minutes % 60 + " min"
        : minutes / (24 * 60) + " d " + minutes % (24 * 60) / 60 + " h";
    return new Freshness(source, Figures.instant(at), minutes, age);
  }

  /** Per-shard work of the newest run, null without run records or when it recorded no shards. */
  public static ShardBalance shardBalance(List<Document> runs) {
    if (runs.isEmpty()) {
      return null;
    }
    Document newest = runs.get(0);
    List<ShardRow> shards = Figures.sub(newest, "shards").entrySet().stream()
        .filter(e -> e.getValue() instanceof Document)
        .map(e -> {
          Document shard = (Document) e.getValue();
          return new ShardRow(e.getKey(), Figures.count(shard.get("partitions")),
              Figures.count(shard.get("documents")), Figures.ratio(shard.get("seconds")));
        })
        .sorted((a, b) -> a.shard().compareTo(b.shard())).toList();
    return shards.isEmpty() ? null
        : new ShardBalance(String.valueOf(newest.get("_id")), Figures.ratio(newest.get("shard_imbalance")), shards);
  }
}
