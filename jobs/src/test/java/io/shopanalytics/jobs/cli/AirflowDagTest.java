package io.shopanalytics.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/**
 * The Airflow DAG compiles, schedules closed data intervals, and passes the jobs exactly the options
 * they accept (checked by their own parser) once its templates are rendered with Jinja2, as Airflow 2
 * and as Airflow 3 would render them (airflow_dag_probe.py holds the two versions' differences); exit
 * 2 is not retried, 1 and 75 are; the three DAGs share one pool; the backfill's params are validated.
 */
class AirflowDagTest {
  private static final Path DAG = projectRoot().resolve("submit/airflow/shop_analytics_dag.py");
  private static final String BACKFILL_CONF = "{\"from\": \"2024-01\", \"to\": \"2024-06\", \"as_of\": \"2024-06-30\"}";
  /** The run each DAG renders: November's monthly run, the night of 30 November, a backfill of a half-year. */
  private static final String RUNS = "{"
      + "\"shop_analytics_monthly\": {\"start\": \"2024-11-01T00:00:00+00:00\", \"end\": \"2024-12-01T00:00:00+00:00\"},"
      + "\"shop_analytics_nightly\": {\"start\": \"2024-11-30T02:00:00+00:00\", \"end\": \"2024-12-01T02:00:00+00:00\"},"
      + "\"shop_analytics_backfill\": {\"conf\": " + BACKFILL_CONF + ", \"invalid_confs\": ["
      + "{\"from\": \"2024-13\", \"to\": \"2024-06\", \"as_of\": \"2024-06-30\"},"
      + "{\"to\": \"2024-06\", \"as_of\": \"2024-06-30\"},"
      + "{\"from\": \"2024-01\", \"to\": \"2024-06\", \"as_of\": \"2024-06-31\"}]}}";

  private static String python;
  /** Per Airflow major version (2, 3), the analytics operators by DAG id. */
  private static final Map<Integer, Map<String, JsonNode>> OPERATORS = new java.util.TreeMap<>();
  /** Per Airflow major version, the report operators (the task after the analytics) by DAG id. */
  private static final Map<Integer, Map<String, JsonNode>> REPORTS = new java.util.TreeMap<>();

  static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("submit"))) {
      dir = dir.getParent();
    }
    return dir;
  }

  @BeforeAll
  static void loadDag() throws Exception {
    // The machine's python3 first, then Debian's (where .ci/run installs python3-jinja2 and python3-jsonschema).
    for (String candidate : List.of("python3", "/usr/bin/python3")) {
      if (python == null && run(candidate, "-c", "import jinja2, jsonschema").exitCode == 0) {
        python = candidate;
      }
    }
    assumeTrue(python != null, "no python3 with jinja2 and jsonschema (Debian: apt-get install python3-jinja2 python3-jsonschema)");
    Path probe = Files.createTempFile("airflow_dag_probe", ".py");
    try (var in = AirflowDagTest.class.getResourceAsStream("/airflow_dag_probe.py")) {
      Files.write(probe, in.readAllBytes());
    }
    for (int major : List.of(2, 3)) {
      Result result = run(python, probe.toString(), DAG.toString(), RUNS, Integer.toString(major));
      assertThat(result.exitCode).as(result.output).isZero();
      Map<String, JsonNode> operators = new java.util.TreeMap<>();
      Map<String, JsonNode> reports = new java.util.TreeMap<>();
      for (JsonNode operator : new ObjectMapper().readTree(result.output.lines().reduce((a, b) -> b).orElseThrow())) {
        boolean report = operator.get("task_id").asText().equals("report");
        (report ? reports : operators).put(operator.get("dag_id").asText(), operator);
      }
      OPERATORS.put(major, operators);
      REPORTS.put(major, reports);
    }
  }

  @Test
  void dagFileCompiles() throws Exception {
    Path compiled = Files.createTempDirectory("dag-compile").resolve("dag.pyc");
    Result result = run(python, "-c", "import py_compile,sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
        DAG.toString(), compiled.toString());
    assertThat(result.exitCode).as(result.output).isZero();
  }

  @Test
  void theScheduledDagsNameTheirDataIntervalTimetables() {
    // A bare cron string would follow [scheduler] create_cron_data_intervals (False on Airflow 3).
    Map<String, JsonNode> operators = OPERATORS.get(3);
    assertThat(operators.get("shop_analytics_monthly").get("schedule")).hasToString(
        "{\"timetable\":\"CronDataIntervalTimetable\",\"cron\":\"0 0 1 * *\",\"timezone\":\"UTC\"}");
    assertThat(operators.get("shop_analytics_nightly").get("schedule")).hasToString(
        "{\"timetable\":\"CronDataIntervalTimetable\",\"cron\":\"0 2 * * *\",\"timezone\":\"UTC\"}");
    assertThat(operators.get("shop_analytics_backfill").get("schedule").isNull()).isTrue();
  }

  @Test
  void everyTaskRunsTheApplicationInClientModeInTheSharedPoolWithoutCredentialsOrJavaOptions() {
    for (Map<String, JsonNode> operators : OPERATORS.values()) {
      assertThat(operators).containsOnlyKeys("shop_analytics_monthly", "shop_analytics_nightly", "shop_analytics_backfill");
      for (JsonNode operator : operators.values()) {
        assertThat(operator.get("operator_class").asText()).isEqualTo("ShopAnalyticsSubmitOperator");
        assertThat(operator.get("java_class").asText()).isEqualTo(ShopAnalytics.class.getName());
        assertThat(operator.get("application").asText()).isEqualTo("/opt/shop-analytics/jobs/target/shop-analytics-jobs.jar");
        assertThat(operator.get("deploy_mode").asText()).isEqualTo("client");
        assertThat(operator.get("pool").asText()).isEqualTo("shop_analytics");
        assertThat(operator.get("rendered_name").asText()).isEqualTo("shop-analytics-" + operator.get("dag_id").asText());
        // env_vars do not reach a client-mode driver on a k8s:// master: the URI file is an argument.
        assertThat(operator.has("env_vars")).isFalse();
        assertThat(operator.get("conf")).hasToString(
            "{\"spark.scheduler.allocation.file\":\"/opt/shop-analytics/conf/fairscheduler.xml\"}");
        assertThat(operator.get("application_args").toString()).doesNotContain("mongodb://");
      }
    }
  }

  @Test
  void invalidOptionsFailForGoodWhileAFailedOrBusyRunIsRetried() {
    for (Map<String, JsonNode> operators : OPERATORS.values()) {
      for (JsonNode operator : operators.values()) {
        assertThat(operator.get("retries").asInt()).isEqualTo(3);
        assertThat(operator.get("exit_handling")).hasToString(
            "{\"1\":\"AirflowException\",\"2\":\"AirflowFailException\",\"75\":\"AirflowException\"}");
      }
    }
  }

  @Test
  void aFailureIsReportedWithTheRunItsExitCodeAndItsSummary() {
    assertThat(OPERATORS.get(3).get("shop_analytics_monthly").get("failure_report").asText()).isEqualTo(
        "shop-analytics FAILED dag=shop_analytics_monthly task=t run=scheduled__2024-11-01T00:00:00+00:00 try=4 exit=1 "
            + "summary=/opt/shop-analytics/runs/scheduled__2024-11-01T00_00_00+00_00.json: "
            + "Cannot execute: spark-submit app.jar. Error code is: 1.");
  }

  @Test
  void everyDagWritesTheReportAfterItsAnalyticsWithOptionsTheReportAccepts() {
    for (int major : REPORTS.keySet()) {
      assertThat(REPORTS.get(major)).as("Airflow " + major).containsOnlyKeys(OPERATORS.get(major).keySet());
      REPORTS.get(major).forEach((dag, report) -> {
        assertThat(report.get("upstream")).as(dag).containsExactly(OPERATORS.get(major).get(dag).get("task_id"));
        List<String> args = new ArrayList<>();
        report.get("rendered_application_args").forEach(arg -> args.add(arg.asText()));
        assertThat(args.get(0)).isEqualTo("report");
        assertThat(args).contains("--uri-file", "/etc/shop-analytics/mongodb-uri");
        assertThat(ShopAnalytics.commandLine().parseArgs(args.toArray(new String[0])).subcommand().commandSpec().name())
            .isEqualTo("report");
      });
    }
  }

  @Test
  void theMonthlyRunOfNovemberComputesNovemberAsOfItsLastDayOnBothVersions() {
    for (int major : OPERATORS.keySet()) {
      List<String> args = rendered(major, "shop_analytics_monthly");
      assertThat(args).as("Airflow " + major).containsExactly("all", "--period", "2024-11", "--as-of", "2024-11-30",
          "--uri-file", "/etc/shop-analytics/mongodb-uri",
          "--summary-file", "/opt/shop-analytics/runs/scheduled__2024-11-01T00_00_00+00_00.json",
          "--metrics-file", "/var/lib/node_exporter/textfile/shop_analytics_monthly.prom");
      assertThat(matchedOptions(args)).containsExactly("--period", "--as-of", "--uri-file", "--summary-file", "--metrics-file");
      AnalyticsCommand all = (AnalyticsCommand) ShopAnalytics.commandLine().parseArgs(args.toArray(new String[0]))
          .subcommand().commandSpec().userObject();
      assertThat(all.time.periods(Clock.systemUTC())).extracting(Object::toString).containsExactly("2024-11");
      assertThat(all.time.asOf(Clock.systemUTC())).hasToString("2024-11-30");
    }
  }

  @Test
  void theNightlyRunIsIncrementalAsOfTheDayThatClosedOnBothVersions() {
    for (int major : OPERATORS.keySet()) {
      List<String> args = rendered(major, "shop_analytics_nightly");
      assertThat(args).as("Airflow " + major).containsExactly("all", "--as-of", "2024-11-30",
          "--uri-file", "/etc/shop-analytics/mongodb-uri",
          "--summary-file", "/opt/shop-analytics/runs/scheduled__2024-11-30T02_00_00+00_00.json",
          "--metrics-file", "/var/lib/node_exporter/textfile/shop_analytics_nightly.prom");
      assertThat(matchedOptions(args)).containsExactly("--as-of", "--uri-file", "--summary-file", "--metrics-file");
    }
  }

  @Test
  void theBackfillRunsTheRangeOfItsValidatedParamsOnBothVersions() {
    for (int major : OPERATORS.keySet()) {
      List<String> args = rendered(major, "shop_analytics_backfill");
      assertThat(args).as("Airflow " + major).containsExactly("all", "--from", "2024-01", "--to", "2024-06",
          "--as-of", "2024-06-30", "--uri-file", "/etc/shop-analytics/mongodb-uri",
          "--summary-file", "/opt/shop-analytics/runs/manual__2024-07-02T08_00_00+00_00.json",
          "--metrics-file", "/var/lib/node_exporter/textfile/shop_analytics_backfill.prom");
      assertThat(matchedOptions(args))
          .containsExactly("--from", "--to", "--as-of", "--uri-file", "--summary-file", "--metrics-file");
      // The invalid confs of RUNS, in order: a month 13, a missing "from", 31 June.
      List<String> errors = new ArrayList<>();
      OPERATORS.get(major).get("shop_analytics_backfill").get("invalid_confs").forEach(error -> errors.add(error.asText()));
      assertThat(errors).containsExactly("'2024-13' does not match '^[0-9]{4}-(0[1-9]|1[0-2])$'",
          "param from: no value and no default", "'2024-06-31' is not a 'date'");
    }
  }

  private static List<String> rendered(int major, String dagId) {
    List<String> args = new ArrayList<>();
    OPERATORS.get(major).get(dagId).get("rendered_application_args").forEach(arg -> args.add(arg.asText()));
    return args;
  }

  /** The options the job's own parser matched: every argument must be one it accepts. */
  private static List<String> matchedOptions(List<String> args) {
    ParseResult job = ShopAnalytics.commandLine().parseArgs(args.toArray(new String[0])).subcommand();
    assertThat(job.commandSpec().name()).isEqualTo("all");
    assertThat(job.unmatched()).isEmpty();
    List<String> names = new ArrayList<>();
    job.matchedOptions().forEach(o -> names.add(o.longestName()));
    return names;
  }

  private record Result(int exitCode, String output) {}

  private static Result run(String executable, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable);
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException missing) {
      return new Result(-1, missing.getMessage());
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(60, TimeUnit.SECONDS);
    return new Result(process.exitValue(), output);
  }
}
