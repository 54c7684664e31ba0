package io.shopanalytics.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.run.RunSummary;
import io.shopanalytics.common.testing.EmbeddedServerTest;
import io.shopanalytics.jobs.oracle.ReferenceAnalytics;
import io.shopanalytics.jobs.oracle.ReferenceResult;
import io.shopanalytics.jobs.testdata.RandomShopData.ShopData;
import io.shopanalytics.jobs.testdata.RandomShopData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Randomized: on generated shops full of edge cases, every field of every document the jobs write
 * equals what the independent plain-Java reference computes, and so do the reject counts.
 */
@EmbeddedServerTest
class AgainstReferenceTest extends AnalyticsTestBase {
  @ParameterizedTest(name = "seed {0}: {1} users, {2} products, {3} orders, {4} malformed")
  @CsvSource({
    "11, 60, 120, 1500, 0.06",
    "23, 200, 150, 3000, 0.03",
    "37, 45, 30, 500, 0.0",
    "41, 50, 20, 600, 0.5",
  })
  void everyDocumentEqualsTheReference(long seed, int users, int products, int orders, double malformed)
      throws Exception {
    ShopData shop = RandomShopData.generate(seed, users, products, orders, malformed);
    insert(shop.orders(), shop.products(), shop.users());

    RunSummary summary = runAll(RandomShopData.PERIODS, RandomShopData.AS_OF);
    ReferenceResult expected = ReferenceAnalytics.compute(shop.orders(), shop.products(), shop.users(),
        RandomShopData.PERIODS, RandomShopData.AS_OF);

    assertSame("product_analytics", storedProducts(), expected.productAnalytics());
    assertSame("sales_analytics", storedSales(), expected.salesAnalytics());
    assertSame("customer_analytics", storedCustomers(), expected.customerAnalytics());
    assertThat(summary.get("status")).isEqualTo("succeeded");
    assertThat(summary.get("rejects")).isEqualTo(expected.rejectsByReason());
    assertThat(summary.get("orders_read")).isEqualTo(expected.ordersRead());
    assertThat(summary.get("sales_counted")).isEqualTo(expected.salesCounted());
    Map<Object, String> rejects = new HashMap<>();
    db().getCollection("analytics_rejects").find().forEach(d -> rejects.put(d.get("_id"), d.getString("reason")));
    assertThat(rejects).isEqualTo(expected.rejectReasonByOrderId());
  }

  /** Document by document, so that a difference names the document instead of dumping thousands. */
  private static void assertSame(String collection, List<Document> actual, List<Document> expected) {
    assertThat(actual).as(collection + " documents").hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).toJson()).as(collection + " #" + i).isEqualTo(expected.get(i).toJson());
      assertThat(actual.get(i)).as(collection + " #" + i + " (types)").isEqualTo(expected.get(i));
    }
  }
}
