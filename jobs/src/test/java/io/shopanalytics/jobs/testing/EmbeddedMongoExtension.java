package io.shopanalytics.jobs.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.shopanalytics.common.testing.EmbeddedMongo;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared {@link EmbeddedMongo} (memory backend, 127.0.0.1, a free port) for one test class,
 * started before its tests and stopped after them:
 * {@code @RegisterExtension static final EmbeddedMongoExtension MONGO = new EmbeddedMongoExtension();}
 */
public final class EmbeddedMongoExtension implements BeforeAllCallback, AfterAllCallback {
  private EmbeddedMongo server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = EmbeddedMongo.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
    }
  }

  public String uri() {
    return server.uri();
  }

  public MongoClient client() {
    return server.client();
  }

  public MongoDatabase database(String name) {
    return server.client().getDatabase(name);
  }
}
