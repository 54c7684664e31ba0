package io.shopanalytics.common.config;

import java.util.regex.Pattern;

/** Masks credentials in connection strings and in any text that may contain one. */
public final class Secrets {
  public static final String MASK = "****";
  private static final Pattern USER_INFO_PASSWORD =
      Pattern.compile("(mongodb(?:\\+srv)?://[^:/@\\s]*):[^@\\s]*@");
  private static final Pattern PASSWORD_OPTION =
      Pattern.compile("(?i)([?&][a-z]*password=)[^&\\s]*");

  private Secrets() {}

  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    String masked = USER_INFO_PASSWORD.matcher(text).replaceAll("$1:" + MASK + "@");
    return PASSWORD_OPTION.matcher(masked).replaceAll("$1" + MASK);
  }
}
