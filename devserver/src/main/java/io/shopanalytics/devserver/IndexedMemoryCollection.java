package io.shopanalytics.devserver;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A memory collection that finds the candidates of a query in a unique index when the query holds
 * all of the index's keys as plain equalities, then matches the whole query on those candidates.
 *
 * <p>mongo-java-server uses an index only when the query's fields are exactly the index's fields,
 * so a fenced upsert's filter, the key's equalities beside a condition on {@code lease_token},
 * scanned the whole collection: every upsert of a run cost a scan, O(n²) writes
 * (docs/ARCHITECTURE.md, 8.4 What it costs). MongoDB answers that filter from the unique index.
 * Correctness does not depend on the index: top-level fields of a query are all required, so every
 * document the query matches is among the index's candidates, and the full query then decides
 * which of them match, exactly as the scan would have.
 */
final class IndexedMemoryCollection extends MemoryCollection {
  IndexedMemoryCollection(MongoDatabase database, String collectionName, CollectionOptions options,
      CursorRegistry cursorRegistry) {
    super(database, collectionName, options, cursorRegistry);
  }

  @Override
  protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
      Document fieldSelector) {
    for (Index<Integer> index : getIndexes()) {
      if (index.canHandle(query)) {
        // the library's own path, for the queries it already answers from an index
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
      }
    }
    for (Index<Integer> index : getIndexes()) {
      Document keyEqualities = KeyEqualities.of(index, query);
      if (keyEqualities != null && index.canHandle(keyEqualities)) {
        return matchDocuments(query, index.getPositions(keyEqualities), orderBy, numberToSkip, limit, batchSize,
            fieldSelector);
      }
    }
    return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
  }
}
