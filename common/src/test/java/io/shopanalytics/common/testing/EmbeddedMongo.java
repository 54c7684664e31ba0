package io.shopanalytics.common.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.devserver.DevMongoServer;

/**
 * The development server ({@link DevMongoServer}, memory backend) in the test's JVM on 127.0.0.1 and
 * a free port, with a client of its own. Closing it (or the JVM exiting) stops the server and drops
 * the cached clients that pointed at it.
 *
 * <p>What it lacks, as found: {@code hello} (drivers fall back to {@code isMaster}), replica sets and
 * sharding commands, hashed indexes, {@code $collStats}, {@code $sample} that works reliably. It
 * silently ignores {@code hint}, {@code min} and {@code max} (a find with min/max returns the whole
 * collection). Plain finds on {@code config.*} work, so sharding metadata can be stored there.
 * It keeps an oplog, so it serves change streams (bounded or not, {@link #start(DevMongoServer.OplogSettings)}).
 */
public final class EmbeddedMongo implements AutoCloseable {
  public static final String DATABASE = "shop";

  private final DevMongoServer server;
  private final String uri;
  private final MongoClient client;
  private final Thread stopAtExit;

  private EmbeddedMongo(DevMongoServer.OplogSettings oplog) {
    server = DevMongoServer.start(DevMongoServer.Backend.memory, null, 0, oplog);
    uri = server.connectionString();
    client = MongoClients.create(uri);
    stopAtExit = new Thread(server::close, "embedded-mongo-stop");
    Runtime.getRuntime().addShutdownHook(stopAtExit);
  }

  public static EmbeddedMongo start() {
    return new EmbeddedMongo(DevMongoServer.OplogSettings.DEFAULT);
  }

  public static EmbeddedMongo start(DevMongoServer.OplogSettings oplog) {
    return new EmbeddedMongo(oplog);
  }

  /** {@code mongodb://127.0.0.1:<port>}. */
  public String uri() {
    return uri;
  }

  public int port() {
    return server.port();
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

  /** Drops every database but the oplog's (between tests sharing one server). */
  public void clear() {
    for (String name : client.listDatabaseNames()) {
      if (!name.equals("local")) {
        client.getDatabase(name).drop();
      }
    }
  }

  @Override
  public void close() {
    client.close();
    MongoClientCache.closeAll();
    server.close();
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException alreadyExiting) {
      // the hook runs anyway
    }
  }
}
