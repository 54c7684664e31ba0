package io.shopanalytics.jobs.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopanalytics.common.config.Secrets;
import java.io.PrintStream;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stream's JSON lines on stdout, one per event of its life: {@code listening} when it opens the
 * change stream, {@code batch} per micro-batch, {@code busy} while another run holds a month it
 * must write, then {@code stopped} or {@code failed}. Every line names the stream's run and time.
 */
final class StreamLines {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream out;
  private final String streamRunId;
  private final Clock clock;

  StreamLines(PrintStream out, String streamRunId, Clock clock) {
    this.out = out;
    this.streamRunId = streamRunId;
    this.clock = clock;
  }

  String streamRunId() {
    return streamRunId;
  }

  /** Prints {@code fields} as one line after the event's name, run and time; returns the line's fields. */
  synchronized Map<String, Object> print(String event, Map<String, Object> fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", event);
    line.put("job", "stream");
    line.put("stream_run_id", streamRunId);
    line.put("at", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    line.putAll(fields);
    try {
      out.println(Secrets.mask(JSON.writeValueAsString(line)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the stream's " + event + " line", e);
    }
    out.flush();
    return line;
  }
}
