package io.shopanalytics.common.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One MongoClient per connection string per JVM: every task of an executor shares its pool
 * instead of opening connections per partition. Closed when the JVM exits.
 */
public final class MongoClientCache {
  private static final Map<String, MongoClient> CLIENTS = new ConcurrentHashMap<>();
  /** An unreachable server fails a run within seconds instead of the driver's 30 s default. */
  public static final int SERVER_SELECTION_TIMEOUT_MS = 10_000;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(MongoClientCache::closeAll, "mongo-client-cache-close"));
  }

  private MongoClientCache() {}

  public static MongoClient get(String uri) {
    return CLIENTS.computeIfAbsent(uri, MongoClientCache::create);
  }

  /** A client the caller owns and closes (loader, one-off commands on the driver). */
  public static MongoClient create(String uri) {
    ConnectionString connection = new ConnectionString(uri);
    MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connection);
    if (!uri.toLowerCase(java.util.Locale.ROOT).contains("serverselectiontimeoutms")) {
      settings.applyToClusterSettings(c -> c.serverSelectionTimeout(SERVER_SELECTION_TIMEOUT_MS, TimeUnit.MILLISECONDS));
    }
    if (!uri.toLowerCase(java.util.Locale.ROOT).contains("connecttimeoutms")) {
      settings.applyToSocketSettings(s -> s.connectTimeout(5, TimeUnit.SECONDS));
    }
    return MongoClients.create(settings.build());
  }

  /** Drops and closes every cached client (tests that restart the server). */
  public static void closeAll() {
    CLIENTS.values().forEach(client -> {
      try {
        client.close();
      } catch (RuntimeException ignored) {
        // closing at shutdown: nothing left to report to
      }
    });
    CLIENTS.clear();
  }
}
