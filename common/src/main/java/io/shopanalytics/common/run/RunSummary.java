package io.shopanalytics.common.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.shopanalytics.common.config.Secrets;
import io.shopanalytics.common.sink.WriteOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one JSON line every run ends with (stdout, and {@code --summary-file}): what was read,
 * rejected, written, and how long each stage took. Built up as the run goes, so that a failed run
 * reports what it did before failing.
 */
public final class RunSummary {
  private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final Map<String, Object> collections = new TreeMap<>();
  private String busyReason;

  public RunSummary(String job) {
    fields.put("job", job);
    fields.put("status", "running");
  }

  /**
   * When and with which build the run started; {@code app_id} stays null until
   * {@link #applicationId} names the Spark application (a dry run starts none).
   */
  public synchronized RunSummary started(Instant startedAt, String version) {
    fields.put("version", version);
    fields.put("app_id", null);
    fields.put("started_at", iso(startedAt));
    return this;
  }

  public synchronized void applicationId(String appId) {
    fields.put("app_id", appId);
  }

  public synchronized void finishedAt(Instant finishedAt) {
    fields.put("finished_at", iso(finishedAt));
  }

  /** ISO-8601 in UTC, to the millisecond: {@code 2024-12-01T00:05:00.123Z}. */
  private static String iso(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  public synchronized RunSummary put(String key, Object value) {
    fields.put(key, value);
    return this;
  }

  public synchronized void recordWrite(WriteOutcome outcome) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("written", outcome.written());
    figures.put("inserted", outcome.inserted());
    figures.put("updated", outcome.updated());
    figures.put("removed", outcome.removed());
    collections.put(outcome.collection(), figures);
  }

  public synchronized void succeeded(StageTimer timer) {
    finish("succeeded", timer, null);
  }

  public synchronized void failed(StageTimer timer, Throwable error) {
    finish("failed", timer, error);
  }

  /** Another run held one of its scopes for the whole lock wait: nothing was read or written. */
  public synchronized void busy(StageTimer timer, String reason) {
    finish("busy", timer, null);
    fields.put("error", Secrets.mask(reason));
    busyReason = reason;
  }

  /** Why the run was busy (another run held one of its scopes), if it was: the caller's exit code depends on it. */
  public synchronized Optional<String> busyReason() {
    return Optional.ofNullable(busyReason);
  }

  private void finish(String status, StageTimer timer, Throwable error) {
    fields.put("status", status);
    fields.put("collections", new TreeMap<>(collections));
    fields.put("seconds", timer.seconds());
    if (error != null) {
      fields.put("error",
          Secrets.mask(error.getClass().getSimpleName() + ": " + withoutStackTrace(error.getMessage())));
    }
  }

  /**
   * An error message without the stack trace Spark appends to it: when a task fails for good, the
   * job-abort message carries the executor's whole trace after its first line ("... most recent
   * failure: ...: Writing 100 documents to shop.customer_analytics failed ...\n\tat ..."). The trace
   * belongs in the log (the failure is logged with it); the summary and the ERROR line keep the words.
   */
  public static String withoutStackTrace(String message) {
    if (message == null) {
      return "null";
    }
    int trace = message.indexOf("\n\tat ");
    return trace < 0 ? message : message.substring(0, trace);
  }

  /** A copy of the summary's fields (collections and seconds once finished). */
  public synchronized Map<String, Object> toMap() {
    return new LinkedHashMap<>(fields);
  }

  public synchronized Object get(String key) {
    return fields.get(key);
  }

  /** One line of JSON, passwords masked. */
  public synchronized String toJson() {
    try {
      return Secrets.mask(JSON.writeValueAsString(fields));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Run summary cannot be written as JSON", e);
    }
  }

  public void writeTo(Path file) throws IOException {
    write(file, toJson() + System.lineSeparator());
  }

  /**
   * The summary's figures in Prometheus' text exposition format, every sample labelled with the job
   * ({@code analytics_job}):
   * each number of the summary's top level as a gauge {@code shop_analytics_<field>} (so a counter the
   * run adds to the summary is exported with it), rejects by {@code reason}, documents by
   * {@code collection} and {@code outcome} (written, inserted, updated, removed), seconds by
   * {@code stage}, plus {@code shop_analytics_run_succeeded} (1 or 0) and
   * {@code shop_analytics_run_finished_timestamp_seconds}. The README lists them.
   */
  public synchronized String toPrometheus(Instant finishedAt) {
    // Not "job": Prometheus gives that label to the scrape target (node_exporter, the Pushgateway).
    String job = "analytics_job=\"" + escapeLabel(String.valueOf(fields.get("job"))) + "\"";
    StringBuilder text = new StringBuilder();
    gauge(text, "run_succeeded", "1 when the run succeeded, 0 when it failed",
        Map.of(job, "succeeded".equals(fields.get("status")) ? 1 : 0));
    gauge(text, "run_finished_timestamp_seconds", "when the run ended (Unix time)",
        Map.of(job, finishedAt.toEpochMilli() / 1000.0));
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      if (field.getValue() instanceof Number number) {
        gauge(text, metricName(field.getKey()), "the run summary's " + field.getKey(), Map.of(job, number));
      }
    }
    gauge(text, "rejects_by_reason", "orders rejected, by reason",
        labelled(job, "reason", fields.get("rejects")));
    Map<String, Number> documents = new TreeMap<>();
    if (fields.get("collections") instanceof Map<?, ?> byCollection) {
      byCollection.forEach((collection, figures) -> labelled(job + ",collection=\"" + escapeLabel(collection.toString())
          + "\"", "outcome", figures).forEach(documents::put));
    }
    gauge(text, "documents", "analytics documents by collection and outcome", documents);
    gauge(text, "stage_seconds", "seconds spent per stage", labelled(job, "stage", fields.get("seconds")));
    return text.toString();
  }

  /**
   * Writes {@link #toPrometheus} for node_exporter's textfile collector: to a temporary file beside
   * {@code file}, then renamed over it, so that a scrape never reads half a file.
   */
  public void writeMetricsTo(Path file, Instant finishedAt) throws IOException {
    write(file, toPrometheus(finishedAt));
  }

  private static void write(Path file, String text) throws IOException {
    Path target = file.toAbsolutePath();
    Files.createDirectories(target.getParent());
    // Not Files.createTempFile: its owner-only permissions would hide the file from the collector.
    Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
    Files.writeString(partial, text);
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Samples {@code base,label="key"} of a map of numbers (none when the value is not one). */
  private static Map<String, Number> labelled(String base, String label, Object values) {
    Map<String, Number> samples = new TreeMap<>();
    if (values instanceof Map<?, ?> map) {
      map.forEach((key, value) -> {
        if (value instanceof Number number) {
          samples.put(base + "," + label + "=\"" + escapeLabel(key.toString()) + "\"", number);
        }
      });
    }
    return samples;
  }

  private static void gauge(StringBuilder text, String name, String help, Map<String, ? extends Number> samples) {
    if (samples.isEmpty()) {
      return;
    }
    String metric = "shop_analytics_" + name;
    text.append("# HELP ").append(metric).append(' ').append(help).append('\n');
    text.append("# TYPE ").append(metric).append(" gauge\n");
    samples.forEach((labels, value) -> text.append(metric).append('{').append(labels).append("} ")
        .append(value instanceof Double || value instanceof Float ? Double.toString(value.doubleValue()) : value)
        .append('\n'));
  }

  private static String metricName(String field) {
    return field.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }

  private static String escapeLabel(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
