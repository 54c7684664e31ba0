package io.shopanalytics.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/** The Airflow DAG compiles and passes the jobs exactly options they accept (checked by their own parser). */
class AirflowDagTest {
  private static final Path DAG = projectRoot().resolve("submit/airflow/shop_analytics_dag.py");
  /** What Airflow would render for a November 2024 run. */
  private static final Map<String, String> RENDERED = Map.of(
      "--period", "2024-11", "--as-of", "2024-11-30", "--from", "2024-01", "--to", "2024-06",
      "--summary-file", "/opt/shop-analytics/runs/scheduled__2024-11-01T00_00_00+00_00.json",
      "--output", "/opt/shop-analytics/runs/scheduled__2024-11-01T00_00_00+00_00/report.html");

  private static JsonNode operators;

  static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("submit"))) {
      dir = dir.getParent();
    }
    return dir;
  }

  @BeforeAll
  static void loadDag() throws Exception {
    assumeTrue(python("--version").exitCode == 0, "python3 is not installed");
    Path probe = Files.createTempFile("airflow_dag_probe", ".py");
    try (var in = AirflowDagTest.class.getResourceAsStream("/airflow_dag_probe.py")) {
      Files.write(probe, in.readAllBytes());
    }
    Result result = python(probe.toString(), DAG.toString());
    assertThat(result.exitCode).as(result.output).isZero();
    operators = new ObjectMapper().readTree(result.output.lines().reduce((a, b) -> b).orElseThrow());
  }

  @Test
  void dagFileCompiles() throws Exception {
    Path compiled = Files.createTempDirectory("dag-compile").resolve("dag.pyc");
    Result result = python("-c", "import py_compile,sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
        DAG.toString(), compiled.toString());
    assertThat(result.exitCode).as(result.output).isZero();
  }

  @Test
  void everyTaskRunsTheApplicationInClientModeWithoutCredentialsInItsArguments() {
    assertThat(operators).hasSize(4);
    for (JsonNode operator : operators) {
      assertThat(operator.get("java_class").asText()).isEqualTo(ShopAnalytics.class.getName());
      assertThat(operator.get("application").asText()).endsWith("jobs/target/shop-analytics-jobs.jar");
      assertThat(operator.get("deploy_mode").asText()).isEqualTo("client");
      assertThat(operator.get("env_vars").get("MONGODB_URI_FILE").asText()).isNotBlank();
      assertThat(operator.get("application_args").toString()).doesNotContain("mongodb://");
    }
  }

  @Test
  void argumentsAreExactlyOptionsTheJobsAccept() {
    List<List<String>> parsedOptions = new ArrayList<>();
    for (JsonNode operator : operators) {
      List<String> args = new ArrayList<>();
      String previous = null;
      for (JsonNode arg : operator.get("application_args")) {
        String value = arg.asText();
        args.add(value.contains("{{") ? RENDERED.get(previous) : value);
        previous = value;
      }
      assertThat(args).doesNotContainNull();
      ParseResult parsed = ShopAnalytics.commandLine().parseArgs(args.toArray(new String[0]));
      ParseResult job = parsed.subcommand();
      assertThat(job.unmatched()).isEmpty();
      List<String> names = new ArrayList<>(List.of(job.commandSpec().name()));
      job.matchedOptions().forEach(o -> names.add(o.longestName()));
      parsedOptions.add(names);
    }
    assertThat(parsedOptions).containsExactly(
        List.of("all", "--period", "--as-of", "--summary-file"),
        List.of("all", "--from", "--to", "--as-of", "--summary-file"),
        List.of("report", "--output"),
        List.of("report", "--output"));
  }

  @Test
  void eachDagWritesTheReportAfterItsAnalytics() {
    List<String> reportTasks = new ArrayList<>();
    for (JsonNode operator : operators) {
      if (operator.get("task_id").asText().equals("report")) {
        reportTasks.add(operator.get("dag_id").asText() + " after " + operator.get("upstream_task_ids"));
      }
    }
    assertThat(reportTasks).containsExactly("shop_analytics_monthly after [\"all_analytics\"]",
        "shop_analytics_backfill after [\"all_analytics_range\"]");
  }

  @Test
  void renderedMonthlyArgumentsGiveTheMonthAndItsLastDay() {
    AnalyticsCommand all = AnalyticsCommand.all();
    new CommandLine(all).parseArgs("--period", RENDERED.get("--period"), "--as-of", RENDERED.get("--as-of"));
    assertThat(all.time.periods(java.time.Clock.systemUTC())).extracting(Object::toString).containsExactly("2024-11");
    assertThat(all.time.asOf(java.time.Clock.systemUTC()).toString()).isEqualTo("2024-11-30");
  }

  private record Result(int exitCode, String output) {}

  private static Result python(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("python3");
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException noPython) {
      return new Result(-1, noPython.getMessage());
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(60, TimeUnit.SECONDS);
    return new Result(process.exitValue(), output);
  }
}
