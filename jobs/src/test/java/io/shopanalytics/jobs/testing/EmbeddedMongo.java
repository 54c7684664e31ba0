package io.shopanalytics.jobs.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process mongo-java-server (memory backend) on 127.0.0.1 and a free port, started before
 * the test class and stopped after it:
 * {@code @RegisterExtension static final EmbeddedMongo MONGO = new EmbeddedMongo();}
 */
public final class EmbeddedMongo implements BeforeAllCallback, AfterAllCallback {
  private MongoServer server;
  private MongoClient client;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    client = MongoClients.create(uri());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.shutdownNow();
    }
  }

  public String uri() {
    return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
  }

  public MongoClient client() {
    return client;
  }

  public MongoDatabase database(String name) {
    return client.getDatabase(name);
  }
}
