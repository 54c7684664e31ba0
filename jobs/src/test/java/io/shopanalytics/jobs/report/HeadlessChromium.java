package io.shopanalytics.jobs.report;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium and chromedriver, headless, driven by Selenium through the system driver (Selenium
 * Manager would try to download one). {@link #find} is empty where either executable is missing.
 */
final class HeadlessChromium {
  private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");
  private static final List<String> DRIVERS = List.of("chromedriver");

  record Executables(Path browser, Path driver) {}

  private HeadlessChromium() {}

  /** $CHROME_BIN / $CHROMEDRIVER when set, else the first of the usual names on $PATH. */
  static Optional<Executables> find() {
    Optional<Path> browser = executable("CHROME_BIN", BROWSERS);
    Optional<Path> driver = executable("CHROMEDRIVER", DRIVERS);
    return browser.isPresent() && driver.isPresent()
        ? Optional.of(new Executables(browser.get(), driver.get())) : Optional.empty();
  }

  private static Optional<Path> executable(String variable, List<String> names) {
    Map<String, String> env = System.getenv();
    if (env.containsKey(variable)) {
      return Optional.of(Path.of(env.get(variable))).filter(Files::isExecutable);
    }
    return Stream.of(env.getOrDefault("PATH", "").split(File.pathSeparator))
        .flatMap(dir -> names.stream().map(name -> Path.of(dir, name)))
        .filter(Files::isExecutable).findFirst();
  }

  /** A fresh profile each time, console messages recorded (for the test's "no errors" check). */
  static ChromeDriver start(Executables executables, Path profile) throws IOException {
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(executables.driver().toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(executables.browser().toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + Files.createDirectories(profile), "--window-size=1400,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return new ChromeDriver(service, options);
  }
}
