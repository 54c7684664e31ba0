package io.shopanalytics.jobs.bench;

import io.shopanalytics.jobs.dev.DevMongoServer;
import java.io.IOException;

/**
 * The benchmark's server process: the embedded server (memory backend) on 127.0.0.1 at the given
 * port, until its standard input ends, which happens when the benchmark closes it or dies.
 */
public final class ChildServerMain {
  private ChildServerMain() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    try (DevMongoServer server = DevMongoServer.start(DevMongoServer.Backend.memory, null, port)) {
      System.out.println(DevMongoServer.NOTICE);
      System.out.println("bench server: listening on " + server.connectionString());
      while (System.in.read() >= 0) {
        // nothing is expected on stdin: it only tells when the benchmark has gone
      }
      System.out.println("bench server: input closed, stopping");
    }
    System.exit(0);
  }
}
