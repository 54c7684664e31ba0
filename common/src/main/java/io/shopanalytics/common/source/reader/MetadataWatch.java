package io.shopanalytics.common.source.reader;

import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.mongo.ConfigMetadataReader;
import io.shopanalytics.common.mongo.MongoClientCache;
import java.util.Objects;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Records a collection's sharding metadata version before planning and tells, after the read, if it
 * changed (a chunk split, merged or migrated; the collection was resharded or dropped).
 *
 * <p>Why check at all, when mongos-routed reads are already free of orphans and of lost ranges
 * (see {@link ChunksPlanner})? Two reasons. A cursor on a secondary keeps reading a range after its
 * chunk migrated away, and the donor deletes the range once {@code orphanCleanupDelaySecs} (15
 * minutes by default) have passed and queries on its primary are done; it cannot wait for queries
 * on its secondaries. A partition read that ran that long on a secondary could then miss documents
 * that moved. And the plan's shard attribution (locality, per-shard metrics) is stale after a
 * migration. A changed version makes the caller re-plan and read again: the second read is
 * attributed correctly and, being short, out of reach of the range deleter.
 */
public final class MetadataWatch {
  private static final Logger LOG = LogManager.getLogger(MetadataWatch.class);

  private final MongoSettings settings;
  private final String namespace;
  private boolean marked;
  private String planned;

  public MetadataWatch(MongoSettings settings, String collection) {
    this.settings = settings;
    this.namespace = settings.database() + "." + collection;
  }

  /** Records the current version; call before planning. */
  public String mark() {
    planned = current();
    marked = true;
    return planned;
  }

  public boolean marked() {
    return marked;
  }

  /** Forgets the mark (the source re-plans). */
  public void reset() {
    marked = false;
    planned = null;
  }

  /** True when the version differs from the one recorded by {@link #mark()}; false before any mark. */
  public boolean changed() {
    if (!marked) {
      return false;
    }
    String now = current();
    if (Objects.equals(planned, now)) {
      return false;
    }
    LOG.warn("Sharding metadata of {} changed during the read (planned against [{}], now [{}]): re-plan and read again",
        namespace, planned, now);
    return true;
  }

  private String current() {
    return ConfigMetadataReader.version(MongoClientCache.get(settings.readUri()), namespace);
  }
}
