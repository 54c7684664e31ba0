package io.shopanalytics.common.sink;

import com.mongodb.MongoException;
import io.shopanalytics.common.config.Secrets;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Idempotent MongoDB operations (upsert batches, index creation, the stale sweep, counts) retried
 * with a growing pause after the errors {@link TransientErrors} lists: a primary stepping down or a
 * dropped connection should cost a pause, not the run. Any other error fails at once.
 */
public final class Retries {
  private static final Logger LOG = LogManager.getLogger(Retries.class);
  private static final long FIRST_PAUSE_MILLIS = 200;
  private static final long MAX_PAUSE_MILLIS = 5_000;

  /** An operation that is safe to repeat. */
  @FunctionalInterface
  public interface Idempotent<T> {
    T run();
  }

  private Retries() {}

  /**
   * @param action what is done, lower case, for the messages: {@code "writing 1000 documents to shop.x"}
   *     fails as "Writing 1000 documents to shop.x failed after 6 attempt(s): …"
   * @param maxRetries attempts after the first
   */
  public static <T> T run(String action, int maxRetries, Idempotent<T> operation) throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        return operation.run();
      } catch (MongoException error) {
        if (attempt >= maxRetries || !TransientErrors.isTransient(error)) {
          throw new IllegalStateException(Character.toUpperCase(action.charAt(0)) + action.substring(1)
              + " failed after " + (attempt + 1) + " attempt(s): " + Secrets.mask(TransientErrors.describe(error)), error);
        }
        long pause = Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << attempt);
        LOG.warn("Transient error {} (attempt {} of {}), retrying in {} ms: {}", action, attempt + 1, maxRetries + 1,
            pause, Secrets.mask(TransientErrors.describe(error)));
        Thread.sleep(pause);
      }
    }
  }
}
