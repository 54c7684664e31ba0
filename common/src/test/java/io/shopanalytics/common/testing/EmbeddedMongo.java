package io.shopanalytics.common.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.settings.MongoSettings;
import java.net.InetSocketAddress;

/**
 * An in-process MongoDB wire-protocol server (mongo-java-server, memory backend) on 127.0.0.1 and a
 * free port, with a client of its own. Closing it (or the JVM exiting) stops the server and drops
 * the cached clients that pointed at it.
 *
 * <p>What it lacks, as found: {@code hello} (drivers fall back to {@code isMaster}), replica sets and
 * sharding commands, hashed indexes, {@code $collStats}, {@code $sample} that works reliably. It
 * silently ignores {@code hint}, {@code min} and {@code max} (a find with min/max returns the whole
 * collection). Plain finds on {@code config.*} work, so sharding metadata can be stored there.
 */
public final class EmbeddedMongo implements AutoCloseable {
  public static final String DATABASE = "shop";

  private final MongoServer server;
  private final String uri;
  private final MongoClient client;
  private final Thread stopAtExit;

  private EmbeddedMongo() {
    server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    InetSocketAddress address = server.getLocalAddress();
    uri = "mongodb://127.0.0.1:" + address.getPort();
    client = MongoClients.create(uri);
    stopAtExit = new Thread(server::shutdownNow, "embedded-mongo-stop");
    Runtime.getRuntime().addShutdownHook(stopAtExit);
  }

  public static EmbeddedMongo start() {
    return new EmbeddedMongo();
  }

  /** {@code mongodb://127.0.0.1:<port>}. */
  public String uri() {
    return uri;
  }

  public int port() {
    return server.getLocalAddress().getPort();
  }

  /** A client owned by this server object (closed with it). */
  public MongoClient client() {
    return client;
  }

  public MongoDatabase database() {
    return client.getDatabase(DATABASE);
  }

  /** Settings on this server and {@link #DATABASE}, defaults otherwise. */
  public MongoSettings.Builder settings() {
    return MongoSettings.builder().uri(uri).database(DATABASE);
  }

  /** Drops every database (between tests sharing one server). */
  public void clear() {
    for (String name : client.listDatabaseNames()) {
      client.getDatabase(name).drop();
    }
  }

  @Override
  public void close() {
    client.close();
    MongoClientCache.closeAll();
    server.shutdownNow();
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException alreadyExiting) {
      // the hook runs anyway
    }
  }
}
