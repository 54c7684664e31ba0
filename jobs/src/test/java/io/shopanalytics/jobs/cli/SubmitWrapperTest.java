package io.shopanalytics.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit/spark-submit.sh}'s command line, per master kind, without Spark: the wrapper, its
 * libraries and conf/ are copied into a scratch project with an empty application jar, and
 * {@code $SPARK_HOME/bin/spark-submit} is a stand-in that records its arguments and environment.
 */
class SubmitWrapperTest {
  private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

  @TempDir Path scratch;
  private Path project;
  private Path sparkHome;
  private Path stub;

  @BeforeEach
  void scratchProject() throws IOException {
    project = scratch.resolve("project");
    copyTree(ROOT.resolve("submit"), project.resolve("submit"));
    copyTree(ROOT.resolve("conf"), project.resolve("conf"));
    Files.createDirectories(project.resolve("jobs/target"));
    Files.writeString(project.resolve("jobs/target/shop-analytics-jobs.jar"), "");
    Files.writeString(project.resolve("jobs/target/provided-classpath.txt"), "");
    sparkHome = scratch.resolve("spark-home");
    Files.createDirectories(sparkHome.resolve("bin"));
    Files.createDirectories(sparkHome.resolve("conf"));
    stub = sparkHome.resolve("bin/spark-submit");
    Files.writeString(stub, String.join("\n", "#!/usr/bin/env bash",
        "printf '%s\\n' \"$@\" > \"$0.args\"",
        "printf '%s' \"${SPARK_LOCAL_IP-unset}\" > \"$0.local-ip\"",
        "printf '%s' \"$SPARK_SUBMIT_OPTS\" > \"$0.opts\"",
        "cp \"$2\" \"$0.properties\""));
    assertThat(stub.toFile().setExecutable(true)).isTrue();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  record Run(int exitCode, String stdout, String stderr) {}

  private Run wrapper(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(project.resolve("submit/spark-submit.sh").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
    for (String inherited : List.of("SPARK_LOCAL_IP", "SPARK_MASTER", "SPARK_CONF_DIR", "SPARK_SUBMIT_OPTS",
        "DRIVER_MEMORY", "MONGODB_URI", "MONGODB_URI_FILE")) {
      builder.environment().remove(inherited);
    }
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    builder.environment().put("TMPDIR", scratch.toString());
    builder.environment().putAll(env);
    Path out = scratch.resolve("wrapper.out");
    Path err = scratch.resolve("wrapper.err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("wrapper finished").isTrue();
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private List<String> recordedArgs() throws IOException {
    return Files.readAllLines(Path.of(stub + ".args"));
  }

  private String recordedLocalIp() throws IOException {
    return Files.readString(Path.of(stub + ".local-ip"));
  }

  private List<String> expected(String master, String name, String... rest) {
    List<String> args = new ArrayList<>(List.of("--master", master, "--class", "io.shopanalytics.jobs.cli.ShopAnalytics",
        "--name", name, "--conf", "spark.scheduler.allocation.file=" + project.resolve("conf/fairscheduler.xml")));
    args.addAll(List.of(rest));
    return args;
  }

  private String jar() {
    return project.resolve("jobs/target/shop-analytics-jobs.jar").toString();
  }

  @Test
  void aLocalMasterBindsTheDriverTo127001() throws Exception {
    Run run = wrapper(Map.of("SPARK_MASTER", "local[2]"), "all", "--period", "2024-11");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(recordedArgs().subList(0, 2)).containsExactly("--properties-file",
        project.resolve("conf/local.properties").toString());
    assertThat(recordedArgs().subList(2, recordedArgs().size()))
        .isEqualTo(expected("local[2]", "shop-analytics all", jar(), "all", "--period", "2024-11"));
    assertThat(recordedLocalIp()).isEqualTo("127.0.0.1");
  }

  @Test
  void theProjectsStandaloneClusterOn127001AlsoBindsTo127001() throws Exception {
    Run run = wrapper(Map.of(), "--master", "spark://127.0.0.1:7077", "show");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(recordedArgs().subList(2, recordedArgs().size()))
        .isEqualTo(expected("spark://127.0.0.1:7077", "shop-analytics show", jar(), "show"));
    assertThat(recordedLocalIp()).isEqualTo("127.0.0.1");
  }

  @Test
  void onYarnTheSparkSubmitOptionsPassThroughAndTheDriverKeepsItsAddress() throws Exception {
    Run run = wrapper(Map.of("SPARK_MASTER", "local[*]"), "--properties-file", "conf/production.properties",
        "--master", "yarn", "--deploy-mode", "cluster", "--name", "shop analytics nightly", "--queue", "analytics",
        "--jars", "a.jar,b.jar", "--packages", "g:a:1", "--files", "x.txt", "--verbose",
        "--conf", "spark.ui.enabled=false", "all", "--as-of", "2024-11-30");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(recordedArgs().subList(0, 2)).containsExactly("--properties-file", "conf/production.properties");
    assertThat(recordedArgs().subList(2, recordedArgs().size())).isEqualTo(expected("yarn", "shop analytics nightly",
        "--deploy-mode", "cluster", "--queue", "analytics",
        "--jars", "a.jar,b.jar", "--packages", "g:a:1", "--files", "x.txt", "--verbose",
        "--conf", "spark.ui.enabled=false", jar(), "all", "--as-of", "2024-11-30"));
    assertThat(recordedLocalIp()).isEqualTo("unset");
  }

  @Test
  void onKubernetesTheDriverKeepsItsAddress() throws Exception {
    Run run = wrapper(Map.of("SPARK_MASTER", "k8s://https://kubernetes.default.svc:443"),
        "--deploy-mode", "cluster", "all", "--uri-file", "/etc/shop-analytics/mongodb-uri");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(recordedArgs().subList(2, recordedArgs().size())).isEqualTo(expected(
        "k8s://https://kubernetes.default.svc:443", "shop-analytics all", "--deploy-mode", "cluster", jar(), "all",
        "--uri-file", "/etc/shop-analytics/mongodb-uri"));
    assertThat(recordedLocalIp()).isEqualTo("unset");
  }

  @Test
  void aRemoteStandaloneMasterKeepsTheDriversAddress() throws Exception {
    assertThat(wrapper(Map.of("SPARK_MASTER", "spark://spark-master.internal:7077"), "show").exitCode()).isZero();
    assertThat(recordedLocalIp()).isEqualTo("unset");
  }

  /**
   * The installation's spark-defaults.conf comes first in the properties file spark-submit is given
   * (Spark 3.5 reads one or the other), the project's after it; Java options go through
   * SPARK_SUBMIT_OPTS, none replaces spark.driver/executor.extraJavaOptions; the driver's memory is
   * passed only when DRIVER_MEMORY asks.
   */
  @Test
  void theInstallationsDefaultsApplyUnderTheProjectsProperties() throws Exception {
    Files.writeString(sparkHome.resolve("conf/spark-defaults.conf"),
        "spark.yarn.queue analytics\nspark.sql.shuffle.partitions 400");

    Run run = wrapper(Map.of("SPARK_MASTER", "yarn", "SPARK_SUBMIT_OPTS", "-Dsite.option=1"),
        "all", "--period", "2024-11");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(recordedArgs()).doesNotContain("--driver-memory", "--driver-java-options");
    assertThat(Files.readString(Path.of(stub + ".properties"))).isEqualTo(
        "spark.yarn.queue analytics\nspark.sql.shuffle.partitions 400\n"
            + Files.readString(project.resolve("conf/local.properties")));
    assertThat(Files.readString(Path.of(stub + ".opts")))
        .isEqualTo("-Dsite.option=1 -Dlog4j2.configurationFile=" + project.resolve("conf/log4j2.properties")
            + " -Dlog4j2.isThreadContextMapInheritable=true");

    assertThat(wrapper(Map.of("DRIVER_MEMORY", "3g"), "all").exitCode()).isZero();
    assertThat(recordedArgs()).containsSequence("--driver-memory", "3g");
  }

  @Test
  void explainPrintsEachEffectivePropertyWithItsLayerAndRedactsSecrets() throws Exception {
    Files.writeString(sparkHome.resolve("conf/spark-defaults.conf"), String.join("\n",
        "spark.yarn.queue default", "spark.eventLog.dir hdfs:///history", "spark.sql.shuffle.partitions 400",
        "spark.hadoop.fs.s3a.secret.key site-secret-1"));

    Run run = wrapper(Map.of(), "--master", "yarn", "--queue", "analytics", "--explain",
        "--conf", "spark.sql.shuffle.partitions=64", "--conf", "spark.mongodb.read.connection.uri=mongodb://mongos:27017/",
        "all", "--period", "2024-11");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(Path.of(stub + ".args")).doesNotExist();
    assertThat(run.stdout()).doesNotContain("site-secret-1", "mongos:27017");
    String profile = project.resolve("conf/local.properties").toString();
    assertThat(run.stdout().lines()).contains(
        "SPARK_LOCAL_IP=(unset)",
        "spark-submit --master yarn --class io.shopanalytics.jobs.cli.ShopAnalytics --name shop-analytics all --conf spark.scheduler.allocation.file="
            + project.resolve("conf/fairscheduler.xml") + " --queue analytics --conf spark.sql.shuffle.partitions=64"
            + " --conf spark.mongodb.read.connection.uri=*********(redacted) " + jar() + " all --period 2024-11",
        "  spark.eventLog.dir = hdfs:///history  [spark-defaults.conf]",
        "  spark.hadoop.fs.s3a.secret.key = *********(redacted)  [spark-defaults.conf]",
        "  spark.shopanalytics.database = shop  [" + profile + "]",
        "  spark.sql.shuffle.partitions = 64  [--conf]",
        "  spark.master = yarn  [--master]",
        "  spark.app.name = shop-analytics all  [--name]",
        "  spark.yarn.queue = analytics  [--queue]");
  }

  @Test
  void usageListsExactlyTheJobsOfTheJar() throws Exception {
    Run run = wrapper(Map.of(), "--help");

    assertThat(run.exitCode()).isZero();
    List<String> section = run.stdout().lines().dropWhile(line -> !line.equals("Jobs:")).skip(1)
        .takeWhile(line -> !line.isBlank()).map(line -> line.trim().split("\\s+")[0]).toList();
    assertThat(section).containsExactlyInAnyOrderElementsOf(ShopAnalytics.commandLine().getSubcommands().keySet());
  }

  @Test
  void anUnknownScriptOptionIsRefusedWithExitCodeTwo() throws Exception {
    Run run = wrapper(Map.of(), "--executor-cores", "4", "all");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("unknown script option --executor-cores");
  }
}
