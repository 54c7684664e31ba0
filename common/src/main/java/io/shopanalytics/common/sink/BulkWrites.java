package io.shopanalytics.common.sink;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import java.util.List;
import org.bson.Document;

/**
 * Unordered bulk writes retried whole after transient errors. Only for idempotent batches (upserts
 * on a unique key, conditional $set), where sending a batch twice leaves the same documents.
 */
public final class BulkWrites {
  private BulkWrites() {}

  /** Writes and clears {@code batch}; returns the result of the attempt that succeeded (null when empty). */
  public static BulkWriteResult write(MongoCollection<Document> target, List<WriteModel<Document>> batch, int maxRetries)
      throws InterruptedException {
    return write(target, batch, maxRetries, () -> {});
  }

  /** A check that runs before each attempt; what it throws (other than a MongoException) ends the write at once. */
  @FunctionalInterface
  public interface Precondition {
    void check() throws InterruptedException;
  }

  /** As {@link #write(MongoCollection, List, int)}, checking {@code precondition} before each attempt. */
  public static BulkWriteResult write(MongoCollection<Document> target, List<WriteModel<Document>> batch, int maxRetries,
      Precondition precondition) throws InterruptedException {
    if (batch.isEmpty()) {
      return null;
    }
    BulkWriteResult result = Retries.run("writing " + batch.size() + " documents to " + target.getNamespace(),
        maxRetries, () -> {
          try {
            precondition.check();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted before writing to " + target.getNamespace(), e);
          }
          return target.bulkWrite(batch, new BulkWriteOptions().ordered(false));
        });
    batch.clear();
    return result;
  }
}
