package io.shopanalytics.common.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The project's version as Maven built it (a filtered resource), so that a run says which build ran. */
public final class ProjectVersion {
  private static final String RESOURCE = "version.properties";
  private static final String VERSION = load();

  private ProjectVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = ProjectVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing beside " + ProjectVersion.class.getName());
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
