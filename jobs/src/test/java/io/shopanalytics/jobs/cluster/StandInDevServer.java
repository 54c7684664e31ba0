package io.shopanalytics.jobs.cluster;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.h2.mvstore.MVStore;

/**
 * The development server as a JVM of its own for the cluster tests: mongo-java-server (a MongoDB
 * wire-protocol stand-in, not MongoDB) on 127.0.0.1 with the H2 backend, so that the data survives
 * a stop and a start. Stands in for {@code submit/dev-mongo.sh} until that lands on main, and takes
 * the same options ({@code --port P --data-dir DIR}).
 *
 * <p>One difference, on purpose: the MVStore's background compaction is off. With it on, a long
 * scan right after a bulk load failed now and then with H2's {@code MVStoreException: Chunk N not
 * found} (compaction freed a chunk that the scan's snapshot still read), which would make these
 * tests fail for a reason that is not theirs. Without compaction the file only grows.
 */
public final class StandInDevServer {
  static final String DATA_FILE = "dev-mongo.mv.db";
  static final String READY = "dev-server: listening on ";

  private StandInDevServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(option(args, "--port"));
    Path dataDirectory = Path.of(option(args, "--data-dir"));
    Files.createDirectories(dataDirectory);
    MVStore store = new MVStore.Builder()
        .fileName(dataDirectory.resolve(DATA_FILE).toString())
        .autoCompactFillRate(0)
        .open();
    MongoServer server = new MongoServer(new H2Backend(store));
    server.bind("127.0.0.1", port);
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM (what dev-mongo.sh stop sends): stop listening, close the store (writes the file out)
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdownNow();
      stopped.countDown();
    }, "dev-server-stop"));
    System.out.println(READY + "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    stopped.await();
  }

  private static String option(String[] args, String name) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    throw new IllegalArgumentException("missing option " + name);
  }
}
