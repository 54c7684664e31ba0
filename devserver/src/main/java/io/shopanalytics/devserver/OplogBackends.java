package io.shopanalytics.devserver;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVStore;

/**
 * The stand-in's two backends with their oplog bounded ({@link BoundedOplog}). The oplog itself,
 * and the change streams served from it, are mongo-java-server's.
 */
final class OplogBackends {
  private static final String OPLOG_DATABASE = "local";
  private static final String OPLOG_COLLECTION = "oplog.rs";

  private OplogBackends() {}

  /** The memory backend whose queries use a unique index beside other conditions ({@link IndexedMemoryBackend}). */
  static MongoBackend memory(long maxOplogEntries) {
    return new IndexedMemoryBackend() {
      @Override
      protected Oplog createOplog() {
        return bounded(this, super.createOplog(), maxOplogEntries);
      }
    };
  }

  static MongoBackend h2(MVStore store, long maxOplogEntries) {
    return new H2Backend(store) {
      @Override
      protected Oplog createOplog() {
        return bounded(this, super.createOplog(), maxOplogEntries);
      }
    };
  }

  private static Oplog bounded(AbstractMongoBackend backend, Oplog oplog, long maxEntries) {
    MongoCollection<?> entries = backend.resolveDatabase(OPLOG_DATABASE).resolveCollection(OPLOG_COLLECTION, true);
    return new BoundedOplog(oplog, entries, maxEntries);
  }
}
