package io.shopanalytics.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.jobs.cli.ShopAnalytics;
import io.shopanalytics.jobs.testing.CommandRun;
import io.shopanalytics.jobs.testing.EmbeddedMongoExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The report command without a browser: what it writes, from analytics documents alone. */
class ReportCommandTest {
  @RegisterExtension static final EmbeddedMongoExtension MONGO = new EmbeddedMongoExtension();

  @Test
  void aHostileProductNameIsEscapedInTheTableAndInTheEmbeddedData(@TempDir Path dir) throws Exception {
    // the report reads only what the jobs wrote: one hand-written month is enough
    MONGO.database("hostile").getCollection("sales_analytics").insertOne(new Document("period", "2024-11")
        .append("totals", new Document("total_orders", 1L).append("total_revenue", SalesShapesTest.money("9.90"))
            .append("total_customers", 1L).append("average_order_value", SalesShapesTest.money("9.90")))
        .append("top_products", List.of(new Document("sku", "S-1").append("name", ReportBrowserIT.HOSTILE)
            .append("quantity_sold", 1L).append("revenue", SalesShapesTest.money("9.90")))));
    Path file = dir.resolve("index.html");

    CommandRun run = CommandRun.of("report", "--uri", MONGO.uri(), "--database", "hostile", "--output", file.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    String html = Files.readString(file);
    int scripts = html.indexOf("<script");
    String markup = html.substring(0, scripts);
    String data = html.substring(scripts, html.indexOf("</script>", scripts));
    assertThat(markup).doesNotContain("<img")
        .contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &quot;quotes&quot;");
    assertThat(data).startsWith("<script type=\"application/json\" id=\"report-data\">")
        .contains("\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e \\\"quotes\\\"");
    // nothing is fetched: no script or style comes from elsewhere
    assertThat(html).doesNotContain("<script src").doesNotContain("<link");
  }

  @Test
  void anEmptyDatabaseGetsTheNothingComputedPage(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sub/dir/index.html");
    CommandRun run = CommandRun.of("report", "--uri", MONGO.uri(), "--database", "empty", "--output", file.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Report written to " + file.toAbsolutePath());
    assertThat(Files.readString(file)).contains("Nothing computed yet — run <code>all</code> first")
        .doesNotContain("id=\"chart-");
  }

  @Test
  void anInvalidOrUnknownPeriodIsAnOptionError(@TempDir Path dir) {
    CommandRun invalid = CommandRun.of("report", "--uri", MONGO.uri(), "--period", "2024-13",
        "--output", dir.resolve("a.html").toString());
    assertThat(invalid.exitCode()).isEqualTo(ShopAnalytics.INVALID_OPTIONS);
    assertThat(invalid.err()).contains("Invalid period '2024-13'");
  }
}
