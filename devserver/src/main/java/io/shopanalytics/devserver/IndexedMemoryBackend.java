package io.shopanalytics.devserver;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;

/**
 * mongo-java-server's memory backend whose collections answer a query from a unique index whenever
 * the query holds that index's keys as plain equalities, whatever else it tests
 * ({@link IndexedMemoryCollection}; docs/ARCHITECTURE.md, 8.4 What it costs).
 */
public class IndexedMemoryBackend extends MemoryBackend {
  @Override
  public MemoryDatabase openOrCreateDatabase(String databaseName) {
    return new IndexedMemoryDatabase(databaseName, getCursorRegistry());
  }
}
