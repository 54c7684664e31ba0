package io.shopanalytics.common.sink;

import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import io.shopanalytics.common.settings.Secrets;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.bson.Document;

/**
 * Unordered bulk writes retried whole after transient errors. Only for idempotent batches (upserts
 * on a unique key, conditional $set), where sending a batch twice leaves the same documents.
 */
final class BulkWrites {
  private static final Logger LOG = LogManager.getLogger(BulkWrites.class);

  private BulkWrites() {}

  /** Writes and clears {@code batch}; returns the result of the attempt that succeeded (null when empty). */
  static BulkWriteResult write(MongoCollection<Document> target, List<WriteModel<Document>> batch, int maxRetries)
      throws InterruptedException {
    if (batch.isEmpty()) {
      return null;
    }
    int size = batch.size();
    for (int attempt = 0; ; attempt++) {
      try {
        BulkWriteResult result = target.bulkWrite(batch, new BulkWriteOptions().ordered(false));
        batch.clear();
        return result;
      } catch (MongoException error) {
        if (attempt >= maxRetries || !TransientErrors.isTransient(error)) {
          throw new IllegalStateException("Writing " + size + " documents to " + target.getNamespace() + " failed after "
              + (attempt + 1) + " attempt(s): " + Secrets.mask(TransientErrors.describe(error)), error);
        }
        long backoff = Math.min(5_000L, 200L << attempt);
        LOG.warn("Transient error writing to {} (attempt {} of {}), retrying in {} ms: {}", target.getNamespace(),
            attempt + 1, maxRetries + 1, backoff, Secrets.mask(TransientErrors.describe(error)));
        Thread.sleep(backoff);
      }
    }
  }
}
