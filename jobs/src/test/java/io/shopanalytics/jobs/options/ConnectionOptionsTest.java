package io.shopanalytics.jobs.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopanalytics.common.config.ConfigException;
import io.shopanalytics.jobs.cli.ShopAnalytics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ConnectionOptionsTest {
  private static ConnectionOptions options(String... args) {
    ConnectionOptions options = new ConnectionOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  @Test
  void aLocalMasterOrTheLoopbackStandaloneClusterDefaultsToTheLocalServer() {
    for (String master : new String[] {"local", "local[*]", "local[2]", "spark://127.0.0.1:7077"}) {
      assertThat(options().resolveUri(Map.of("spark.master", master), Map.of()))
          .as(master).isEqualTo("mongodb://127.0.0.1:27017");
    }
  }

  @Test
  void aClusterMasterWithoutAUriRefusesTheLocalDefaultAndSaysHowToPassOne() {
    for (String master : new String[] {"yarn", "k8s://https://kubernetes.default.svc:443", "spark://spark-master:7077"}) {
      assertThatThrownBy(() -> options().resolveUri(Map.of("spark.master", master), Map.of()))
          .as(master)
          .isInstanceOf(ConfigException.class)
          .hasMessage("No MongoDB connection string was given, and mongodb://127.0.0.1:27017 is the default only on "
              + "a local master (this one is " + master + "): pass --uri-file FILE (a file readable by the driver, "
              + "e.g. a mounted secret), set $MONGODB_URI_FILE or $MONGODB_URI in the driver's environment, "
              + "or --uri without credentials");
    }
  }

  @Test
  void aClusterMasterTakesTheUriFromAnyOfItsSources() {
    Map<String, String> yarn = Map.of("spark.master", "yarn");
    assertThat(options("--uri", "mongodb://mongos:27017").resolveUri(yarn, Map.of())).isEqualTo("mongodb://mongos:27017");
    assertThat(options().resolveUri(yarn, Map.of("MONGODB_URI", "mongodb://a:b@mongos:27017")))
        .isEqualTo("mongodb://a:b@mongos:27017");
    assertThat(options().resolveUri(Map.of("spark.master", "yarn", "spark.mongodb.read.connection.uri",
        "mongodb://mongos-2:27017"), Map.of())).isEqualTo("mongodb://mongos-2:27017");
  }

  @Test
  void theJobExitsWithCodeTwoWhenTheMasterIsAClusterAndNoUriIsGiven() {
    String previous = System.getProperty("spark.master");
    System.setProperty("spark.master", "yarn");
    try {
      StringWriter err = new StringWriter();
      CommandLine commandLine = ShopAnalytics.commandLine();
      commandLine.setErr(new PrintWriter(err));
      int exitCode = ShopAnalytics.execute(commandLine, "sales-analytics", "--period", "2024-11", "--dry-run");
      assertThat(exitCode).isEqualTo(ShopAnalytics.INVALID_OPTIONS);
      assertThat(err.toString()).contains("ERROR: sales-analytics failed: No MongoDB connection string was given");
    } finally {
      if (previous == null) {
        System.clearProperty("spark.master");
      } else {
        System.setProperty("spark.master", previous);
      }
    }
  }
}
