package io.shopanalytics.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.shopanalytics.common.config.LeaseSettings;
import io.shopanalytics.common.run.RunSummary;
import io.shopanalytics.common.source.strategy.ReadStrategies;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.jobs.testdata.RandomShopData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The customer snapshot only moves forward, the segment history, a crashed run's lease, a run fenced mid-way. */
class SafeRunsTest extends AnalyticsTestBase {
  private static final AsOf MARCH = AsOf.of(java.time.LocalDate.of(2024, 10, 31));

  @BeforeEach
  void shop() {
    RandomShopData.ShopData shop = RandomShopData.generate(21, 50, 30, 900);
    insert(shop.orders(), shop.products(), shop.users());
  }

  private static RunRequest.Builder customers(AsOf asOf) {
    return request(List.of(), asOf).outputs(EnumSet.of(AnalyticsOutput.CUSTOMER));
  }

  private static Document history(AsOf asOf) {
    return db().getCollection("customer_segment_history").find(Filters.eq("_id", asOf.toString())).first();
  }

  @Test
  void aBackfillWithAnOlderAsOfKeepsTheNewerSnapshotAddsItsHistoryAndTheOverrideTurnsItBack() throws Exception {
    assertThat(run(customers(RandomShopData.AS_OF)).get("status")).isEqualTo("succeeded");
    List<Document> newer = storedCustomers();

    RunSummary backfill = run(customers(MARCH));
    assertThat(backfill.get("status")).isEqualTo("succeeded");
    assertThat(backfill.toJson()).contains("\"skipped\":{\"customer_analytics\":\"stored snapshot as of 2024-12-20 is "
        + "newer than 2024-10-31");
    assertThat(storedCustomers()).isEqualTo(newer);
    assertThat(db().getCollection("customer_segment_history").countDocuments()).isEqualTo(2);
    assertThat(history(MARCH).getLong("customers")).isPositive().isLessThan((long) newer.size());

    RunSummary back = run(customers(MARCH).replaceNewerSnapshot(true));
    assertThat((Map<?, ?>) back.get("skipped")).isEmpty();
    List<Document> march = storedCustomers();
    assertThat(march).extracting(customer -> customer.getDate("as_of")).containsOnly(Date.from(MARCH.start()));
    assertThat(history(MARCH)).as("the history agrees with the snapshot it describes")
        .containsEntry("customers", (long) march.size())
        .containsEntry("segments", segmentCounts(march));
    assertThat(db().getCollection("customer_segment_history").countDocuments()).isEqualTo(2);
  }

  private static Document segmentCounts(List<Document> customers) {
    Map<String, Long> counts = new TreeMap<>();
    customers.forEach(customer -> counts.merge(customer.getString("customer_segment"), 1L, Long::sum));
    Document segments = new Document();
    for (String segment : List.of("high_value", "loyal", "new", "at_risk", "hibernating", "regular")) {
      segments.append(segment, counts.getOrDefault(segment, 0L));
    }
    return segments;
  }

  @Test
  void theHistoryDocumentHasEverySegmentAndExactRoundedFigures() throws Exception {
    run(customers(RandomShopData.AS_OF));
    Document history = history(RandomShopData.AS_OF);
    List<Document> stored = storedCustomers();

    assertThat(history.getDate("as_of")).isEqualTo(Date.from(RandomShopData.AS_OF.start()));
    assertThat(history.get("segments", Document.class)).isEqualTo(segmentCounts(stored));
    Document revenue = history.get("revenue_by_segment", Document.class);
    assertThat(revenue.keySet()).containsExactly("high_value", "loyal", "new", "at_risk", "hibernating", "regular");
    java.math.BigDecimal total = revenue.values().stream().map(v -> ((Decimal128) v).bigDecimalValue())
        .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
    java.math.BigDecimal spent = stored.stream()
        .map(c -> ((Decimal128) c.get("lifetime_metrics", Document.class).get("total_spent")).bigDecimalValue())
        .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
    assertThat(total).isEqualByComparingTo(spent);
    double recency = stored.stream().mapToInt(c -> c.get("rfm_score", Document.class).getInteger("recency")).sum()
        / (double) stored.size();
    assertThat(history.get("average_scores", Document.class).getDouble("recency"))
        .isEqualTo(Math.round(recency * 100) / 100.0);
    Date created = history.getDate("created_at");

    run(customers(RandomShopData.AS_OF));
    assertThat(history(RandomShopData.AS_OF).getDate("created_at")).as("kept by the upsert").isEqualTo(created);
  }

  @Test
  void aCrashedRunsLeaseMakesTheNextRunBusyUntilItExpiresThenItProceeds() throws Exception {
    db().getCollection("analytics_leases").insertOne(new Document("_id", "customer_analytics")
        .append("owner", "killed-run").append("token", 3L).append("expires_at", Date.from(Instant.now().plusSeconds(4))));

    RunSummary busy = run(customers(RandomShopData.AS_OF).leases(LeaseSettings.defaults().withLockWait(Duration.ZERO)));
    assertThat(busy.get("status")).isEqualTo("busy");
    assertThat((String) busy.get("error")).contains("customer_analytics (run killed-run until");
    assertThat(db().getCollection("customer_analytics").countDocuments()).isZero();

    RunSummary after = run(customers(RandomShopData.AS_OF));
    assertThat(after.get("status")).isEqualTo("succeeded");
    assertThat(db().getCollection("customer_analytics").find()).extracting(c -> c.getLong("lease_token"))
        .containsOnly(4L);
    assertThat(db().getCollection("analytics_runs").find()).extracting(r -> r.getString("status"))
        .containsExactlyInAnyOrder("busy", "succeeded");
  }

  @Test
  void aRunWhoseLeaseIsTakenOverWritesNothingAfterItAndFailsSayingSo() throws Exception {
    // the lease of sales 2024-11 is taken over between the run's acquisition and its read
    AnalyticsSuite.SourceFactory takenOver = (request, scope) -> {
      db().getCollection("analytics_leases").updateOne(Filters.eq("_id", "sales_analytics:2024-11"),
          Updates.combine(Updates.set("owner", "newer-run"), Updates.inc("token", 1L)));
      return ReadStrategies.orders(request.mongo(), request.read(), scope);
    };
    RunRequest request = request(RandomShopData.PERIODS, RandomShopData.AS_OF).build();

    assertThatThrownBy(() -> new AnalyticsSuite(spark, Clock.systemUTC(), takenOver).execute(request))
        .hasMessageContaining("Lease sales_analytics:2024-11 (run ")
        .hasMessageContaining("was taken over by run newer-run");
    assertThat(db().getCollection("sales_analytics").countDocuments(Filters.eq("period", "2024-11")))
        .as("nothing written under the lost lease").isZero();
    Document record = db().getCollection("analytics_runs").find().first();
    assertThat(record.getString("status")).isEqualTo("failed");
    assertThat(record.getString("error")).contains("was taken over");
  }
}
