package io.shopanalytics.jobs.analytics;

import static io.shopanalytics.jobs.testdata.HandComputedShop.AS_OF;
import static io.shopanalytics.jobs.testdata.HandComputedShop.NOVEMBER;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.run.RunSummary;
import io.shopanalytics.common.testing.EmbeddedServerTest;
import io.shopanalytics.jobs.testdata.HandComputedShop;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Spark jobs on the hand-computed shop: every stored document equals the hand-written one. */
@EmbeddedServerTest
class HandComputedShopTest extends AnalyticsTestBase {
  private static RunSummary summary;

  @BeforeAll
  static void runOnce() throws Exception {
    mongo.clear();
    insert(HandComputedShop.ORDERS, HandComputedShop.PRODUCTS, HandComputedShop.USERS);
    summary = runAll(List.of(NOVEMBER), AS_OF);
  }

  @Override
  void emptyDatabase() {
    // one run, several views of it
  }

  @Test
  void productAnalytics() {
    assertThat(storedProducts()).containsExactlyElementsOf(HandComputedShop.expectedProductAnalytics());
  }

  @Test
  void salesAnalytics() {
    assertThat(storedSales()).containsExactlyElementsOf(HandComputedShop.expectedSalesAnalytics());
  }

  @Test
  void customerAnalytics() {
    assertThat(storedCustomers()).containsExactlyElementsOf(HandComputedShop.expectedCustomerAnalytics());
  }

  @Test
  void rejectsAreRecordedWithReasonAndRun() {
    Map<Object, String> reasons = new HashMap<>();
    for (Document reject : db().getCollection("analytics_rejects").find()) {
      reasons.put(reject.get("_id"), reject.getString("reason"));
      assertThat(reject.getString("run_id")).isEqualTo(summary.get("run_id"));
      assertThat(reject.getString("job")).isEqualTo("all");
    }
    assertThat(reasons).isEqualTo(HandComputedShop.expectedRejects());
  }

  @Test
  void summaryCountsWhatWasReadRejectedAndWritten() {
    assertThat(summary.get("status")).isEqualTo("succeeded");
    assertThat(summary.get("orders_read")).isEqualTo(7L);
    assertThat(summary.get("sales_counted")).isEqualTo(4L);
    assertThat(summary.get("rejects")).isEqualTo(Map.of("created_at_invalid", 1L, "item_quantity_invalid", 1L));
    assertThat(summary.toJson()).contains("\"product_analytics\":{\"written\":3,\"inserted\":3,\"updated\":0,\"removed\":0}")
        .contains("\"sales_analytics\":{\"written\":1,\"inserted\":1,\"updated\":0,\"removed\":0}")
        .contains("\"customer_analytics\":{\"written\":2,\"inserted\":2,\"updated\":0,\"removed\":0}");
  }
}
