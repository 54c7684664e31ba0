package io.shopanalytics.common.mongo;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The user may not read {@code config.*} (Unauthorized, code 13): reading chunk metadata needs
 * {@code read} on the {@code config} database or the {@code clusterMonitor} role. Callers that can
 * do without the metadata catch it and fall back (see docs/READING.md).
 */
public final class MetadataAccessDenied extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** MongoDB's error code for an operation the user's roles do not allow. */
  public static final int UNAUTHORIZED = 13;
  private static final Logger LOG = LogManager.getLogger(MetadataAccessDenied.class);
  /** Namespaces already warned about in this JVM: one WARN per run, not one per planner or check. */
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
  private final String namespace;

  MetadataAccessDenied(String namespace, Throwable cause) {
    super("Not authorized to read the sharding metadata of " + namespace + " in config.* (needs read on the config "
        + "database or the clusterMonitor role): " + cause.getMessage(), cause);
    this.namespace = namespace;
  }

  /**
   * Logs, once per namespace and JVM, that the run goes on without the metadata and what protection
   * that costs ({@code lost}), naming the role that would give it back.
   *
   * @return true when this call logged
   */
  public boolean warnOnce(String lost) {
    if (!WARNED.add(namespace)) {
      return false;
    }
    LOG.warn("Cannot read the sharding metadata of {} (Unauthorized: grant read on the config database or the "
        + "clusterMonitor role to restore it); going on without it: {}", namespace, lost);
    return true;
  }
}
