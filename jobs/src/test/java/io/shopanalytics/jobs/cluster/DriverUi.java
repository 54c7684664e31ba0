package io.shopanalytics.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The running driver's monitoring REST API (its Spark UI on a known port): which application it
 * is, how many stages have completed, which executors are running tasks. Empty answers while the
 * UI is not up yet or already gone.
 */
final class DriverUi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;

  DriverUi(int port) {
    this.base = "http://127.0.0.1:" + port + "/api/v1/applications";
  }

  Optional<String> applicationId() {
    return get("").filter(apps -> apps.size() > 0).map(apps -> apps.get(0).get("id").asText());
  }

  int completedStages(String applicationId) {
    return get("/" + applicationId + "/stages?status=complete").map(JsonNode::size).orElse(0);
  }

  /** Executor id to its running tasks, for the executors alive now (not the driver). */
  Map<String, Integer> activeTasksByExecutor(String applicationId) {
    Map<String, Integer> active = new LinkedHashMap<>();
    get("/" + applicationId + "/executors").ifPresent(executors -> executors.forEach(executor -> {
      String id = executor.get("id").asText();
      if (!"driver".equals(id) && executor.get("isActive").asBoolean()) {
        active.put(id, executor.get("activeTasks").asInt());
      }
    }));
    return active;
  }

  private Optional<JsonNode> get(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
    } catch (IOException notUpOrGone) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
