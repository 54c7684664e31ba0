package io.shopanalytics.jobs.oracle;

import static io.shopanalytics.jobs.testdata.HandComputedShop.expectedCustomerAnalytics;
import static io.shopanalytics.jobs.testdata.HandComputedShop.expectedProductAnalytics;
import static io.shopanalytics.jobs.testdata.HandComputedShop.expectedSalesAnalytics;
import static io.shopanalytics.jobs.testdata.HandComputedShop.runReference;
import static io.shopanalytics.jobs.testdata.TestOrders.oid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/** The reference implementation against the hand-computed shop. */
class ReferenceAnalyticsTest {
  @Test
  void productAnalytics() {
    assertThat(runReference().productAnalytics()).containsExactlyElementsOf(expectedProductAnalytics());
  }

  @Test
  void salesAnalytics() {
    assertThat(runReference().salesAnalytics()).containsExactlyElementsOf(expectedSalesAnalytics());
  }

  @Test
  void customerAnalytics() {
    assertThat(runReference().customerAnalytics()).containsExactlyElementsOf(expectedCustomerAnalytics());
  }


  @Test
  void runSummary() {
    ReferenceResult result = runReference();
    assertThat(result.rejectsByReason())
        .containsExactly(Map.entry("created_at_invalid", 1L), Map.entry("item_quantity_invalid", 1L));
    assertThat(result.rejectReasonByOrderId())
        .containsExactly(Map.entry(oid(0xc7), "item_quantity_invalid"), Map.entry(oid(0xc8), "created_at_invalid"));
    assertThat(result.ordersRead()).as("O1, O2, O3, O5, O6, O7, O8").isEqualTo(7);
    assertThat(result.salesCounted()).as("O1, O2, O3, O5").isEqualTo(4);
  }

  @Test
  void valueTypesAreThoseOfTheOutputFormat() {
    Document customer = runReference().customerAnalytics().get(0);
    Document lifetime = customer.get("lifetime_metrics", Document.class);
    assertThat(lifetime.get("total_orders")).isInstanceOf(Long.class);
    assertThat(lifetime.get("days_as_customer")).isInstanceOf(Integer.class);
    assertThat(lifetime.get("total_spent")).isInstanceOf(Decimal128.class);
    assertThat(customer.get("rfm_score", Document.class).get("total")).isInstanceOf(Integer.class);
    assertThat(customer.get("behavior", Document.class).get("return_rate")).isInstanceOf(Double.class);
    assertThat(Arrays.asList("_id", "created_at", "updated_at")).noneMatch(customer::containsKey);
    Document product = runReference().productAnalytics().get(0);
    assertThat(((Decimal128) product.get("metrics", Document.class).get("total_revenue")).bigDecimalValue().scale())
        .isEqualTo(2);
  }
}
