package io.shopanalytics.devserver;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;

/** A memory database whose collections are {@link IndexedMemoryCollection}s. */
final class IndexedMemoryDatabase extends MemoryDatabase {
  IndexedMemoryDatabase(String databaseName, CursorRegistry cursorRegistry) {
    super(databaseName, cursorRegistry);
  }

  @Override
  protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
    return new IndexedMemoryCollection(this, collectionName, options, cursorRegistry);
  }
}
