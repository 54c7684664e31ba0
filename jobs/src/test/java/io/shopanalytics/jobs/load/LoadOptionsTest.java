package io.shopanalytics.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.testing.EmbeddedServerTest;
import io.shopanalytics.jobs.testing.CommandRun;
import io.shopanalytics.jobs.testing.EmbeddedMongoExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad options fail before anything is written, with one message that names the option. */
@EmbeddedServerTest
class LoadOptionsTest {
  @RegisterExtension
  static final EmbeddedMongoExtension MONGO = new EmbeddedMongoExtension();

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "--orders     | 0          | --orders must be at least 1, got 0",
      "--users      | -5         | --users must be at least 1, got -5",
      "--products   | 0          | --products must be at least 1, got 0",
      "--batch-size | 0          | --batch-size must be between 1 and 100000, got 0",
      "--writers    | 65         | --writers must be between 1 and 64, got 65",
      "--write-concern | ' '     | --write-concern must not be empty",
      "--from       | 2024-13-01 | Invalid value for option '--from': '2024-13-01' is not a date of the form YYYY-MM-DD",
      "--to         | yesterday  | Invalid value for option '--to': 'yesterday' is not a date of the form YYYY-MM-DD",
      "--orders     | many       | Invalid value for option '--orders': 'many' is not an int",
  })
  void rejectsAnInvalidOptionNamingIt(String option, String value, String message) {
    CommandRun run = runLoad("invalid", option, value);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(message);
    assertThat(run.out()).isEmpty();
    assertThat(MONGO.client().listDatabaseNames().into(new ArrayList<>())).doesNotContain("invalid");
  }

  @Test
  void rejectsAWindowThatEndsBeforeItStarts() {
    CommandRun run = runLoad("invalid", "--from", "2024-12-31", "--to", "2024-01-01");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("ERROR: load failed: --from 2024-12-31 is after --to 2024-01-01");
  }

  @Test
  void refusesAPasswordOnTheCommandLineWithoutShowingIt() {
    CommandRun run = CommandRun.of("load", "--uri", "mongodb://loader:s3cret@127.0.0.1:1/");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--uri must not contain a password").doesNotContain("s3cret");
  }

  @Test
  void failsWithinTheSelectionTimeoutWhenNoServerAnswers() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String uri = "mongodb://127.0.0.1:" + closedPort + "/?serverSelectionTimeoutMS=300";

    CommandRun run = CommandRun.of("load", "--uri", uri, "--orders", "5");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("ERROR: load failed: cannot reach MongoDB at " + uri
        + " (from --uri, --uri-file or $MONGODB_URI): no server answered in time");
  }

  private static CommandRun runLoad(String database, String... options) {
    List<String> args = new ArrayList<>(List.of("load", "--uri", MONGO.uri(), "--database", database));
    args.addAll(Arrays.asList(options));
    if (!args.contains("--orders")) {
      args.addAll(List.of("--orders", "5"));
    }
    return CommandRun.of(args.toArray(String[]::new));
  }
}
