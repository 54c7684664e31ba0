package io.shopanalytics.jobs.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The scripts and style inlined into the page: the report opens from disk with no server and no
 * network. ECharts comes from its WebJar, located through the WebJar's own Maven metadata so that
 * the version is written once, in the build.
 */
final class PageResources {
  private static final String ECHARTS_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
  private static final Pattern SCRIPT_END = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);

  private PageResources() {}

  static String echarts() {
    Properties pom = new Properties();
    try (InputStream in = stream(ECHARTS_POM)) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return inlineScript(text("META-INF/resources/webjars/echarts/" + pom.getProperty("version")
        + "/dist/echarts.min.js"));
  }

  /** The page's own chart code. */
  static String script() {
    return inlineScript(text("report/report.js"));
  }

  static String style() {
    return text("report/report.css");
  }

  /** A script's text made safe to inline: {@code </script} inside it would end the element early. */
  static String inlineScript(String source) {
    return SCRIPT_END.matcher(source).replaceAll("<\\\\/$1");
  }

  private static String text(String resource) {
    try (InputStream in = stream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream stream(String resource) {
    InputStream in = PageResources.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " is missing from the class path (is the jar complete?)");
    }
    return in;
  }
}
