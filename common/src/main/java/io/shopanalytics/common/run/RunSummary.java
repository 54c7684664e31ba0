package io.shopanalytics.common.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.shopanalytics.common.config.Secrets;
import io.shopanalytics.common.sink.WriteOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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

  public RunSummary(String job) {
    fields.put("job", job);
    fields.put("status", "running");
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
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toJson() + System.lineSeparator());
  }
}
