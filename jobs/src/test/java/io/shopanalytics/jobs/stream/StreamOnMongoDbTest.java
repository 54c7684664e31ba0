package io.shopanalytics.jobs.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.testing.DockerTest;
import io.shopanalytics.common.testing.SparkTestBase;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.testdata.ShopApplication;
import io.shopanalytics.jobs.testing.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The stream against real MongoDB, where its change events are MongoDB's own: a single-node replica
 * set (7.0) and a sharded cluster through mongos (8.0). The loader turns on pre-images, so a delete
 * and a re-dated order touch exactly their months: no batch falls back to every month. Once idle,
 * the three collections equal a full recomputation. Needs Docker: skipped without it.
 */
@DockerTest
@Testcontainers(disabledWithoutDocker = true)
class StreamOnMongoDbTest extends SparkTestBase {
  private static final List<Period> MONTHS = Period.range(Period.of(2024, 1), Period.of(2024, 12));
  private static final AsOf AS_OF = AsOf.of(LocalDate.of(2024, 12, 20));

  @ParameterizedTest
  @ValueSource(strings = {"mongo:7.0 replica set", "mongo:8.0 sharded"})
  void keepsTheAnalyticsEqualToAFullRecomputationWithPreImages(String topology) throws Exception {
    String image = topology.split(" ")[0];
    MongoDBContainer container = new MongoDBContainer(image);
    if (topology.endsWith("sharded")) {
      container = container.withSharding();
    }
    try (MongoDBContainer server = container) {
      server.start();
      String uri = server.getConnectionString();
      CommandRun load = CommandRun.of("load", "--uri", uri, "--database", "shop", "--users", "300",
          "--products", "40", "--orders", "3000");
      assertThat(load.exitCode()).as(load.toString()).isZero();
      assertThat(load.err()).contains("orders keeps pre-images");
      // one node per replica set: no secondary to read from
      MongoSettings settings = MongoSettings.builder().uri(uri).database("shop").readPreference("primaryPreferred")
          .build();
      try (MongoClient client = MongoClients.create(uri)) {
        StreamChecks checks = new StreamChecks(spark, settings, client.getDatabase("shop"), MONTHS, AS_OF);
        checks.fullBatch();
        Path checkpoint = Files.createTempDirectory("stream-checkpoint");
        try (StreamRunner stream = new StreamRunner(spark, checks.request(checkpoint))) {
          JsonNode listening = stream.await("listening", line -> true, Duration.ofMinutes(2));
          assertThat(listening.get("pre_images").asText()).isEqualTo("enabled");
          ShopApplication app = new ShopApplication(client.getDatabase("shop"), 17);
          app.insert(10, Period.of(2024, 12), AS_OF.endExclusive());
          app.cancel(3, Period.of(2024, 11));
          app.correctQuantities(3, Period.of(2024, 10));
          app.delete(Period.of(2024, 9));
          app.move(Period.of(2024, 8), Period.of(2024, 3));
          stream.awaitIdle(Duration.ofSeconds(5), Duration.ofMinutes(5));
          assertThat(stream.stop(Duration.ofMinutes(2))).isNull();

          List<JsonNode> batches = stream.lines("batch");
          assertThat(batches).allSatisfy(batch -> assertThat(batch.get("prior_unknown").asLong()).isZero());
          assertThat(batches.stream().flatMap(batch -> java.util.stream.StreamSupport.stream(
              batch.get("months").spliterator(), false)).map(JsonNode::asText).distinct().sorted().toList())
              .as("the months the changes touched, no other")
              .containsExactly("2024-03", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12");
        }
        checks.assertEqualsAFullRecomputation();
      }
    }
  }
}
