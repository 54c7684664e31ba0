package io.shopanalytics.jobs.report;

import com.mongodb.client.MongoClient;
import io.shopanalytics.common.config.ConfigException;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.options.ConnectionOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Writes the HTML report of what the jobs computed. It reads the analytics collections, the run
 * records and the segment history only (never {@code orders}) and starts no Spark: cheap enough to
 * run after every job.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Writes one self-contained HTML dashboard (charts and their figures) of the analytics "
        + "collections; it opens from disk with no server and no network.")
public final class ReportCommand implements Callable<Integer> {
  public static final String DEFAULT_OUTPUT = "target/report/index.html";

  @Mixin ConnectionOptions connection;

  @Option(names = "--output", paramLabel = "FILE", defaultValue = DEFAULT_OUTPUT,
      description = "Where to write the page. Default: ${DEFAULT-VALUE}.")
  Path output;

  @Option(names = "--period", paramLabel = "YYYY-MM",
      description = "Month whose daily trend and top products are shown. Default: the latest in sales_analytics.")
  String period;

  @Option(names = "--currency", paramLabel = "CODE", defaultValue = "USD",
      description = "Currency of the stored amounts (they are stored without one). Default: ${DEFAULT-VALUE}.")
  String currency;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "10",
      description = "Run records listed under data health. Default: ${DEFAULT-VALUE}.")
  int runs;

  PrintStream out = System.out;
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    if (period != null) {
      try {
        Period.parse(period);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage(), e);
      }
    }
    MongoSettings settings = connection.settings(Map.of(), System.getenv());
    ReportModel model;
    try (MongoClient client = MongoClientCache.create(settings.uri())) {
      ReportSource source = new ReportReader(client.getDatabase(settings.database())).read(period, runs);
      if (period != null && !source.empty() && source.detail() == null) {
        throw new ConfigException("--period " + period + " has no sales_analytics document");
      }
      model = ReportModel.of(source, settings.database(), currency, clock.instant());
    }
    Path file = output.toAbsolutePath().normalize();
    write(file, new ReportRenderer().render(model));
    out.println("Report written to " + file);
    return 0;
  }

  private static void write(Path file, String html) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report to " + file + ": " + e.getMessage(), e);
    }
  }
}
