package io.shopanalytics.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.shopanalytics.common.testing.EmbeddedMongo;
import io.shopanalytics.common.testing.SparkTestBase;
import io.shopanalytics.jobs.testdata.RandomShopData.ShopData;
import io.shopanalytics.jobs.testdata.RandomShopData;
import io.shopanalytics.jobs.testing.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The report of a generated shop, opened from disk in headless Chromium (needs Debian's chromium and
 * chromium-driver; skipped, saying so, where they are not installed): no console errors, every
 * chart drawn, the figures shown equal to the collections', a hostile product name shown as text.
 * Saves docs/report-screenshot.png, the README's picture.
 */
@Tag("browser")
class ReportBrowserIT extends SparkTestBase {
  private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
  static final String HOSTILE = "</script><img src=x onerror=alert(1)> \"quotes\"";
  private static final String DATABASE = EmbeddedMongo.DATABASE;
  private static final String PERIOD = "2024-11";

  private static EmbeddedMongo mongo;
  private static ChromeDriver browser;

  @BeforeAll
  static void shopAnalyticsAndBrowser(@TempDir Path profile) throws Exception {
    Optional<HeadlessChromium.Executables> chromium = HeadlessChromium.find();
    Assumptions.assumeTrue(chromium.isPresent(), "Chromium and chromedriver not found on $PATH (nor $CHROME_BIN, "
        + "$CHROMEDRIVER): install Debian's chromium and chromium-driver to run the report's browser test");
    mongo = EmbeddedMongo.start();
    ShopData shop = RandomShopData.generate(15, 60, 40, 1500);
    // the first product is the generator's best seller of 2024-11: its name lands in the month's top list
    List<Document> products = shop.products().stream().map(Document::new).toList();
    products.get(0).put("name", HOSTILE);
    mongo.database().getCollection("orders").insertMany(shop.orders().stream().map(Document::new).toList());
    mongo.database().getCollection("products").insertMany(products);
    mongo.database().getCollection("users").insertMany(shop.users().stream().map(Document::new).toList());
    CommandRun all = CommandRun.of("all", "--uri", mongo.uri(), "--database", DATABASE, "--from", "2024-09",
        "--to", "2024-12", "--as-of", RandomShopData.AS_OF.toString());
    assertThat(all.exitCode()).as(all.toString()).isZero();
    browser = HeadlessChromium.start(chromium.get(), profile.resolve("chromium-profile"));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (mongo != null) {
      mongo.close();
    }
  }

  @Test
  void withRunRecordsAndHistoryEveryChartIsDrawnAndEveryFigureIsStored(@TempDir Path dir) throws Exception {
    MongoDatabase db = mongo.database();
    db.getCollection(ReportReader.RUNS).insertOne(runRecord());
    db.getCollection(ReportReader.SEGMENT_HISTORY).insertMany(List.of(history("2024-12-19", 30, 12),
        history("2024-12-20", 33, 10)));

    open(report(dir, DATABASE));

    assertNoConsoleErrors();
    assertEveryChartDrawn(10);
    for (Document month : db.getCollection("sales_analytics").find()) {
      Object revenue = month.get("totals", Document.class).get("total_revenue");
      assertThat(text("#month-" + month.getString("period") + " .revenue"))
          .isEqualTo(((Decimal128) revenue).bigDecimalValue().toPlainString()).matches("\\d+\\.\\d{2}");
    }
    for (String segment : CustomerShapes.SEGMENTS) {
      assertThat(text("#segment-" + segment + " .customers")).isEqualTo(String.valueOf(
          db.getCollection("customer_analytics").countDocuments(Filters.eq("customer_segment", segment))));
    }
    Document lastRun = db.getCollection(ReportReader.RUNS).find().sort(Sorts.descending("started_at")).first();
    assertThat(text("#last-run .status")).isEqualTo(lastRun.getString("status"));
    assertThat(browser.findElements(By.id("no-runs"))).isEmpty();
    assertThat(browser.findElements(By.id("no-segment-history"))).isEmpty();

    assertThat(browser.findElements(By.cssSelector("#top-products td.name")).stream().map(WebElement::getText))
        .contains(HOSTILE);
    assertThat(browser.findElements(By.cssSelector("img"))).as("markup from a product name").isEmpty();
    assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);

    saveScreenshot(ROOT.resolve("docs/report-screenshot.png"));
  }

  @Test
  void withoutRunRecordsOrHistoryTheirSectionsSaySo(@TempDir Path dir) throws Exception {
    MongoDatabase db = mongo.database();
    db.getCollection(ReportReader.RUNS).drop();
    db.getCollection(ReportReader.SEGMENT_HISTORY).drop();

    open(report(dir, DATABASE));

    assertNoConsoleErrors();
    assertEveryChartDrawn(8);
    assertThat(text("#no-runs")).startsWith("No run records yet");
    assertThat(text("#no-segment-history")).startsWith("No segment history yet");
    assertThat(text("#freshness")).contains("analytics last written");
  }

  @Test
  void anEmptyDatabaseGetsANothingComputedPage(@TempDir Path dir) throws Exception {
    open(report(dir, "nothing_here"));

    assertNoConsoleErrors();
    assertThat(text("#empty h2")).isEqualTo("Nothing computed yet — run all first");
    assertThat(browser.findElements(By.cssSelector(".chart"))).isEmpty();
  }

  private static Path report(Path dir, String database) {
    Path file = dir.resolve("report/index.html");
    List<String> args = new java.util.ArrayList<>(List.of("report", "--uri", mongo.uri(), "--database", database,
        "--output", file.toString()));
    if (database.equals(DATABASE)) {
      args.addAll(List.of("--period", PERIOD));
    }
    CommandRun run = CommandRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Report written to " + file.toAbsolutePath());
    return file;
  }

  private static void open(Path file) {
    browser.manage().logs().get(LogType.BROWSER); // drops what earlier pages logged
    browser.get(file.toUri().toString());
  }

  private static void assertNoConsoleErrors() {
    List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    assertThat(errors).as("console errors").isEmpty();
  }

  /** Every chart container holds an SVG with drawn shapes and text (titles, axis labels). */
  private static void assertEveryChartDrawn(int charts) {
    List<WebElement> containers = browser.findElements(By.cssSelector("div.chart"));
    assertThat(containers).hasSize(charts);
    for (WebElement chart : containers) {
      assertThat(chart.findElements(By.cssSelector("svg path"))).as("shapes in #" + chart.getAttribute("id"))
          .isNotEmpty();
      assertThat(chart.findElements(By.cssSelector("svg text"))).as("labels in #" + chart.getAttribute("id"))
          .isNotEmpty();
    }
  }

  private static String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText().trim();
  }

  private static void saveScreenshot(Path target) throws Exception {
    // the window's size includes what is not page: grow it until the whole page is in the viewport
    for (int attempt = 0; attempt < 3; attempt++) {
      long page = (Long) browser.executeScript("return document.documentElement.scrollHeight");
      long viewport = (Long) browser.executeScript("return window.innerHeight");
      if (viewport >= page) {
        break;
      }
      Dimension window = browser.manage().window().getSize();
      browser.manage().window().setSize(new Dimension(window.getWidth(), (int) (window.getHeight() + page - viewport)));
    }
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.createDirectories(target.getParent());
    Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Document runRecord() {
    Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(25, ChronoUnit.MINUTES);
    return new Document("_id", "report-test-run").append("job", "all").append("status", "failed")
        .append("mode", "full").append("periods", List.of("2024-11", "2024-12")).append("as_of", "2024-12-20")
        .append("started_at", Date.from(started)).append("finished_at", Date.from(started.plusSeconds(94)))
        .append("orders_read", 1500L).append("rejects", new Document("created_at_invalid", 3L)
            .append("item_quantity_invalid", 2L)).append("rejects_total", 5L)
        .append("collections", new Document("sales_analytics", counts(4, 0))
            .append("customer_analytics", counts(55, 1)))
        .append("shards", new Document("shard-a", shard(3, 800, 1.5)).append("shard-b", shard(2, 700, 1.2)))
        .append("shard_imbalance", 1.07).append("app_id", "local-1").append("version", "0.1.0");
  }

  private static Document counts(long written, long removed) {
    return new Document("written", written).append("inserted", written).append("updated", 0L)
        .append("removed", removed);
  }

  private static Document shard(long partitions, long documents, double seconds) {
    return new Document("partitions", partitions).append("documents", documents).append("seconds", seconds);
  }

  private static Document history(String asOf, long loyal, long atRisk) {
    Map<String, Object> segments = Map.of("high_value", 5L, "loyal", loyal, "new", 4L, "at_risk", atRisk,
        "hibernating", 6L, "regular", 8L);
    return new Document("_id", asOf).append("as_of", Date.from(Instant.parse(asOf + "T00:00:00Z")))
        .append("customers", 23L + loyal + atRisk).append("segments", new Document(segments));
  }
}
