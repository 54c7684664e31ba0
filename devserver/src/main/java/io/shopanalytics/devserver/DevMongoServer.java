package io.shopanalytics.devserver;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The embedded development server: mongo-java-server on 127.0.0.1, its data in an H2 MVStore file
 * so that it survives restarts (or in memory). It speaks MongoDB's wire protocol but is not
 * MongoDB: no replication, no sharding, a subset of commands. Started by {@code submit/dev-mongo.sh},
 * by the benchmark (in a child JVM of its own), and in-process by the tests.
 */
public final class DevMongoServer implements AutoCloseable {
  public static final String HOST = "127.0.0.1";
  public static final String NOTICE = "NOTE: this is an embedded MongoDB wire-protocol stand-in (mongo-java-server) "
      + "without replication or sharding, not MongoDB.";
  static final String DATA_FILE = "dev-mongo.mv.db";

  /** Where documents live: an MVStore file in the data directory, or the heap (gone on stop). */
  public enum Backend { h2, memory }

  private final MongoServer server;
  private final InetSocketAddress address;

  private DevMongoServer(MongoServer server) {
    this.server = server;
    this.address = server.getLocalAddress();
  }

  /** Binds 127.0.0.1:{@code port} (0 for any free port); fails when the port is taken or the data file is locked. */
  public static DevMongoServer start(Backend backend, Path dataDirectory, int port) {
    MongoBackend store = backend == Backend.h2 ? new H2Backend(openStore(dataDirectory)) : new IndexedMemoryBackend();
    MongoServer server = new MongoServer(store);
    try {
      server.bind(HOST, port);
    } catch (Exception e) { // netty throws a BindException without declaring it
      server.shutdownNow(); // closes the store too, releasing the file lock
      throw new IllegalStateException("cannot listen on " + HOST + ":" + port + ": " + e.getMessage(), e);
    }
    return new DevMongoServer(server);
  }

  /**
   * The H2 file, compacted offline first and then opened without background compaction. With H2's
   * default in-place compaction, a file closed cleanly after a large load failed to open again (an
   * open MVStore bug); without it the file reopened intact but only grew with every reload. Copying
   * the live data into a fresh file at each start (MVStoreTool.compact) keeps it to the live size;
   * docs/PERFORMANCE.md has the sizes and times.
   */
  private static MVStore openStore(Path dataDirectory) {
    Path file = dataFile(dataDirectory);
    MVStoreTool.compactCleanUp(file.toString()); // finishes or undoes a compaction that was interrupted
    if (Files.exists(file)) {
      long started = System.nanoTime();
      long before = sizeInMegabytes(file);
      MVStoreTool.compact(file.toString(), false);
      System.out.printf("dev-mongo: compacted %s from %,d MB to %,d MB in %.1f s; opening it (slower the more it holds)%n",
          file, before, sizeInMegabytes(file), (System.nanoTime() - started) / 1e9);
    }
    return new MVStore.Builder().fileName(file.toString()).autoCompactFillRate(0).open();
  }

  private static long sizeInMegabytes(Path file) {
    try {
      return Files.size(file) / (1024 * 1024);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + file, e);
    }
  }

  static Path dataFile(Path dataDirectory) {
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dataDirectory, e);
    }
    return dataDirectory.resolve(DATA_FILE);
  }

  public int port() {
    return address.getPort();
  }

  public String connectionString() {
    return "mongodb://" + HOST + ":" + port();
  }

  /** Stops listening, closes client connections and the store (which writes the H2 file out). */
  @Override
  public void close() {
    server.shutdownNow();
  }

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new Launcher());
    // a taken port or a locked data file: one line in the log, which dev-mongo.sh shows
    commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
      command.getErr().println("dev-mongo: ERROR: " + exception.getMessage());
      return 1;
    });
    System.exit(commandLine.execute(args));
  }

  @Command(name = "dev-mongo-server", mixinStandardHelpOptions = true,
      version = "dev-mongo-server (mongo-java-server 1.47.0)",
      description = "Runs the embedded MongoDB wire-protocol server on 127.0.0.1 until stopped (SIGTERM).")
  static final class Launcher implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT", required = true, description = "Port on 127.0.0.1.")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".dev-mongo",
        description = "Directory of the H2 data file. Default: ${DEFAULT-VALUE}.")
    Path dataDirectory;

    @Option(names = "--backend", paramLabel = "h2|memory", defaultValue = "h2",
        description = "h2 (on disk, survives restarts) or memory. Default: ${DEFAULT-VALUE}.")
    Backend backend;

    @Option(names = "--stop-when-input-ends",
        description = "Stop when standard input ends, as when the parent process that started it exits or is killed.")
    boolean stopWhenInputEnds;

    @Override
    public Integer call() throws InterruptedException {
      System.out.println(NOTICE);
      DevMongoServer server = start(backend, dataDirectory, port);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        System.out.println("dev-mongo: stopping");
        server.close();
        stopped.countDown();
      }, "dev-mongo-stop"));
      System.out.println("dev-mongo: listening on " + server.connectionString() + " (backend " + backend
          + (backend == Backend.h2 ? ", file " + dataFile(dataDirectory).toAbsolutePath() : "") + ")");
      if (stopWhenInputEnds) {
        awaitEndOfInput();
        System.out.println("dev-mongo: input closed, stopping");
        server.close();
        return 0;
      }
      stopped.await();
      return 0;
    }

    private static void awaitEndOfInput() {
      try {
        while (System.in.read() >= 0) {
          // nothing is expected on stdin: its end only tells that the parent has gone
        }
      } catch (IOException closed) {
        // the parent has gone
      }
    }
  }
}
