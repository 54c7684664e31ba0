package io.shopanalytics.common.changes;

import java.time.Instant;

/**
 * The stream cannot go on from where it stands: its resume point has fallen off the oplog
 * (ChangeStreamHistoryLost), or the change stream of {@code orders} ended (the collection dropped
 * or renamed). Changes since {@link #since()} may have been missed; they have to be recomputed in
 * batch.
 */
public final class ChangeStreamLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Instant since;

  public ChangeStreamLostException(String message, Instant since, Throwable cause) {
    super(message, cause);
    this.since = since;
  }

  /** The time of the last change the stream is sure of (null when unknown). */
  public Instant since() {
    return since;
  }
}
