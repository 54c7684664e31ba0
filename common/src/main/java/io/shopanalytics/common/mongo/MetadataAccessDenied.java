package io.shopanalytics.common.mongo;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The user may not read {@code config.*} (Unauthorized, code 13): reading chunk metadata needs
 * {@code read} on the {@code config} database or the {@code clusterMonitor} role. Callers that can
 * do without the metadata catch it and fall back (see docs/ARCHITECTURE.md, reading a sharded cluster).
 */
public final class MetadataAccessDenied extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** MongoDB's error code for an operation the user's roles do not allow. */
  public static final int UNAUTHORIZED = 13;
  private static final Logger LOG = LogManager.getLogger(MetadataAccessDenied.class);
  /** One WARN per run (a JVM runs one job), not one per collection, planner or check. */
  private static final AtomicBoolean WARNED = new AtomicBoolean();
  private final String namespace;

  MetadataAccessDenied(String namespace, Throwable cause) {
    super("Not authorized to read the sharding metadata of " + namespace + " in config.* (needs read on the config "
        + "database or the clusterMonitor role): " + cause.getMessage(), cause);
    this.namespace = namespace;
  }

  /**
   * What a run without {@code config.*} loses, logged once as a WARN (later denials at INFO): the
   * operator sees it once per run, whichever collection or strategy met it first.
   */
  public static final String LOST = "chunk-based plans (strategy chunks, auto on large scopes, products and users) "
      + "fall back to unsharded _id ranges: no shard locality and no per-shard figures; and no read is checked for "
      + "chunk migrations: a partition read on a secondary while its range migrates could miss documents once the "
      + "donor deletes the range";

  /**
   * Logs that the run goes on without the metadata: a WARN the first time in this JVM, naming the
   * roles that would restore it and {@link #LOST}; INFO after that.
   *
   * @return true when this call logged the WARN
   */
  public boolean warnOnce() {
    if (!WARNED.compareAndSet(false, true)) {
      LOG.info("Cannot read the sharding metadata of {} either: going on without it", namespace);
      return false;
    }
    LOG.warn("Cannot read the sharding metadata of {} (Unauthorized: grant read on the config database or the "
        + "clusterMonitor role to restore it); going on without it: {}", namespace, LOST);
    return true;
  }
}
