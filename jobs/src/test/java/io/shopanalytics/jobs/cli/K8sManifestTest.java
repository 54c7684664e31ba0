package io.shopanalytics.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine.ParseResult;

/**
 * No cluster runs here: k8s/spark-application.yaml is parsed and held to the build (main class, jar
 * in the image, Spark version, arguments the job accepts, the connection string only from a Secret),
 * and k8s/Dockerfile to the build's Spark, Scala and jar, with COPY sources that exist.
 */
class K8sManifestTest {
  private static final Path ROOT = AirflowDagTest.projectRoot();
  private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(\\S+)\\s+(\\S+)\\s*$");
  private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)\\s*$");

  private static Map<String, Object> manifest() throws IOException {
    return manifest("k8s/spark-application.yaml");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> manifest(String file) throws IOException {
    return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(Files.readString(ROOT.resolve(file)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    assertThat(parent).containsKey(key);
    return (Map<String, Object>) parent.get(key);
  }

  private static String dockerfile() throws IOException {
    return Files.readString(ROOT.resolve("k8s/Dockerfile"));
  }

  /** Destination in the image of each COPY source. */
  private static Map<String, String> copies() throws IOException {
    Map<String, String> copies = new java.util.LinkedHashMap<>();
    Matcher copy = COPY.matcher(dockerfile());
    while (copy.find()) {
      copies.put(copy.group(1), copy.group(2));
    }
    return copies;
  }

  private static String finalName() throws IOException {
    Matcher name = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(Files.readString(ROOT.resolve("jobs/pom.xml")));
    assertThat(name.find()).isTrue();
    return name.group(1);
  }

  @Test
  void theImageIsTheOfficialSparkImageOfTheBuildsSparkScalaAndJava() throws IOException {
    Matcher from = FROM.matcher(dockerfile());
    assertThat(from.find()).isTrue();
    String scalaVersion = scala.util.Properties.versionNumberString();
    assertThat(from.group(1)).isEqualTo("apache/spark:" + org.apache.spark.package$.MODULE$.SPARK_VERSION()
        + "-scala" + scalaVersion.substring(0, scalaVersion.lastIndexOf('.')) + "-java17-ubuntu");
  }

  @Test
  void theDockerfileCopiesTheBuildsJarAndFilesThatExist() throws IOException {
    Map<String, String> copies = copies();
    assertThat(copies).containsOnlyKeys("jobs/target/" + finalName() + ".jar", "conf/");
    assertThat(ROOT.resolve("conf")).isDirectory();
    assertThat(ROOT.resolve("conf/log4j2.properties")).isRegularFile();
    assertThat(ROOT.resolve("conf/metrics.properties")).isRegularFile();
    assertThat(ROOT.resolve("conf/fairscheduler.xml")).isRegularFile();
  }

  @Test
  void theSparkApplicationRunsTheJarOfTheImageWithTheBuildsMainClassAndSpark() throws IOException {
    Map<String, Object> manifest = manifest();
    assertThat(manifest).containsEntry("apiVersion", "sparkoperator.k8s.io/v1beta2")
        .containsEntry("kind", "SparkApplication");
    assertThat(map(manifest, "metadata")).containsKeys("name", "namespace");
    Map<String, Object> spec = map(manifest, "spec");
    assertThat(spec).containsEntry("type", "Java").containsEntry("mode", "cluster")
        .containsEntry("mainClass", ShopAnalytics.class.getName())
        .containsEntry("sparkVersion", org.apache.spark.package$.MODULE$.SPARK_VERSION())
        .containsEntry("mainApplicationFile", "local://" + copies().get("jobs/target/" + finalName() + ".jar"));
    assertThat((String) spec.get("image")).isNotBlank();
    assertThat(map(spec, "driver")).containsKeys("cores", "memory", "serviceAccount");
    assertThat(map(spec, "executor")).containsKeys("instances", "cores", "memory");
    Map<String, Object> sparkConf = map(spec, "sparkConf");
    String conf = copies().get("conf/");
    assertThat(sparkConf).containsEntry("spark.scheduler.allocation.file", conf + "fairscheduler.xml")
        .containsEntry("spark.metrics.conf", conf + "metrics.properties");
    assertThat((String) map(spec, "driver").get("javaOptions"))
        .contains("-Dlog4j2.configurationFile=" + conf + "log4j2.properties");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theConnectionStringComesFromASecretMountedOnTheDriverAndNamedByUriFile() throws IOException {
    assertThat(Files.readString(ROOT.resolve("k8s/spark-application.yaml"))).doesNotContain("mongodb://", "mongodb+srv://");
    Map<String, Object> spec = map(manifest(), "spec");
    List<Map<String, Object>> secrets = (List<Map<String, Object>>) map(spec, "driver").get("secrets");
    assertThat(secrets).containsExactly(Map.of("name", "shop-analytics-mongodb", "path", "/etc/shop-analytics",
        "secretType", "Generic"));
    List<String> arguments = new ArrayList<>((List<String>) spec.get("arguments"));
    ParseResult job = ShopAnalytics.commandLine().parseArgs(arguments.toArray(new String[0])).subcommand();
    assertThat(job.commandSpec().name()).isEqualTo("all");
    assertThat(job.unmatched()).isEmpty();
    assertThat(job.matchedOptionValue("--uri-file", (Path) null)).isEqualTo(Path.of("/etc/shop-analytics/mongodb-uri"));
    assertThat(arguments).doesNotContain("--uri");
  }

  /** The image's metrics.properties and the production profile's spark.metrics.conf.* keys are one sink. */
  @Test
  void theProductionProfileSetsTheSinkOfMetricsProperties() throws IOException {
    java.util.Properties file = new java.util.Properties();
    java.util.Properties profile = new java.util.Properties();
    try (var in = Files.newBufferedReader(ROOT.resolve("conf/metrics.properties"));
        var production = Files.newBufferedReader(ROOT.resolve("conf/production.properties"))) {
      file.load(in);
      profile.load(production);
    }
    for (String key : file.stringPropertyNames()) {
      if (key.startsWith("*.")) {
        assertThat(profile.getProperty("spark.metrics.conf." + key)).as(key).isEqualTo(file.getProperty(key));
      }
    }
    assertThat(file.getProperty("*.sink.prometheusServlet.class")).isEqualTo("org.apache.spark.metrics.sink.PrometheusServlet");
    assertThat(profile.getProperty("spark.ui.prometheus.enabled")).isEqualTo("true");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theStreamRunsTheSameJarUntilStoppedWithItsCheckpointOnAVolumeOfTheDriver() throws IOException {
    assertThat(Files.readString(ROOT.resolve("k8s/stream-application.yaml"))).doesNotContain("mongodb://", "mongodb+srv://");
    Map<String, Object> spec = map(manifest("k8s/stream-application.yaml"), "spec");
    Map<String, Object> batch = map(manifest(), "spec");
    for (String key : List.of("type", "mode", "sparkVersion", "image", "mainClass", "mainApplicationFile")) {
      assertThat(spec.get(key)).as(key).isEqualTo(batch.get(key));
    }
    assertThat(map(spec, "restartPolicy")).containsEntry("type", "Always");
    Map<String, Object> driver = map(spec, "driver");
    assertThat(driver.get("secrets")).isEqualTo(map(batch, "driver").get("secrets"));
    assertThat(driver).containsKey("terminationGracePeriodSeconds");

    List<String> arguments = (List<String>) spec.get("arguments");
    ParseResult job = ShopAnalytics.commandLine().parseArgs(arguments.toArray(new String[0])).subcommand();
    assertThat(job.commandSpec().name()).isEqualTo("stream");
    assertThat(job.unmatched()).isEmpty();
    assertThat(job.matchedOptionValue("--uri-file", (Path) null)).isEqualTo(Path.of("/etc/shop-analytics/mongodb-uri"));
    String checkpoint = job.matchedOptionValue("--checkpoint", (String) null);
    List<Map<String, Object>> mounts = (List<Map<String, Object>>) driver.get("volumeMounts");
    assertThat(mounts).anySatisfy(mount -> assertThat(checkpoint).startsWith((String) mount.get("mountPath") + "/"));
    List<Map<String, Object>> volumes = (List<Map<String, Object>>) spec.get("volumes");
    assertThat(volumes).extracting(volume -> volume.get("name"))
        .containsExactlyElementsOf(mounts.stream().map(mount -> mount.get("name")).toList());
  }
}
