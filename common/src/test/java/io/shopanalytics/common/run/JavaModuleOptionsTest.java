package io.shopanalytics.common.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * The Java 17 options of the JVMs the project starts itself (conf/java17.properties) are the ones
 * Spark's launcher gives the JVMs it starts: an upgrade of Spark that changes them fails here.
 */
class JavaModuleOptionsTest {
  @Test
  void theProjectsJava17OptionsAreSparksOwn() throws Exception {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.exists(dir.resolve("conf/java17.properties"))) {
      dir = dir.getParent();
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(dir.resolve("conf/java17.properties"))) {
      properties.load(in);
    }

    assertThat(properties.getProperty("spark.java17.opens").split(" "))
        .containsExactly(JavaModuleOptions.defaultModuleOptions().split(" "));
  }
}
