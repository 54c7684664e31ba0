package io.shopanalytics.jobs.analytics;

import static io.shopanalytics.jobs.reference.TestOrders.item;
import static io.shopanalytics.jobs.reference.TestOrders.oid;
import static io.shopanalytics.jobs.reference.TestOrders.order;
import static io.shopanalytics.jobs.reference.TestOrders.product;
import static io.shopanalytics.jobs.reference.TestOrders.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.shopanalytics.common.run.RunSummary;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.reference.RandomShopData.ShopData;
import io.shopanalytics.jobs.reference.RandomShopData;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Upsert semantics: re-runs change nothing but updated_at, created_at survives, stale documents go. */
class RerunTest extends AnalyticsTestBase {
  private static final List<String> COLLECTIONS = List.of("product_analytics", "sales_analytics", "customer_analytics");
  private static final Clock FIRST_RUN = Clock.fixed(Instant.parse("2025-01-02T03:00:00Z"), ZoneOffset.UTC);
  private static final Clock SECOND_RUN = Clock.fixed(Instant.parse("2025-01-03T03:00:00Z"), ZoneOffset.UTC);

  private static List<Document> everything(String collection) {
    return db().getCollection(collection).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
  }

  @Test
  void runningTwiceOnUnchangedOrdersChangesOnlyUpdatedAt() throws Exception {
    ShopData shop = RandomShopData.generate(5, 50, 40, 800);
    insert(shop.orders(), shop.products(), shop.users());
    new AnalyticsSuite(spark, FIRST_RUN).execute(request(RandomShopData.PERIODS, RandomShopData.AS_OF).build());
    Map<String, List<Document>> first = Map.of(
        COLLECTIONS.get(0), everything(COLLECTIONS.get(0)),
        COLLECTIONS.get(1), everything(COLLECTIONS.get(1)),
        COLLECTIONS.get(2), everything(COLLECTIONS.get(2)));

    RunSummary second = new AnalyticsSuite(spark, SECOND_RUN).execute(request(RandomShopData.PERIODS, RandomShopData.AS_OF).build());

    for (String collection : COLLECTIONS) {
      List<Document> before = first.get(collection);
      List<Document> after = everything(collection);
      assertThat(after).as(collection).hasSameSizeAs(before).isNotEmpty();
      for (int i = 0; i < before.size(); i++) {
        Document was = before.get(i);
        Document is = after.get(i);
        assertThat(was.getDate("created_at")).isEqualTo(java.util.Date.from(FIRST_RUN.instant()));
        assertThat(is.getDate("created_at")).as("created_at kept from the first write").isEqualTo(was.getDate("created_at"));
        assertThat(is.getDate("updated_at")).isEqualTo(java.util.Date.from(SECOND_RUN.instant()));
        was.remove("updated_at");
        is.remove("updated_at");
        assertThat(is).as(collection + " " + is.get("_id")).isEqualTo(was);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> figures = (Map<String, Object>) ((Map<String, Object>) second.toMap().get("collections")).get(collection);
      assertThat(figures).containsEntry("inserted", 0L).containsEntry("updated", (long) before.size())
          .containsEntry("removed", 0L);
    }
  }

  @Test
  void documentsTheRecomputedScopeNoLongerProducesAreRemoved() throws Exception {
    Period november = Period.of(2024, 11);
    Period december = Period.of(2024, 12);
    AsOf asOf = AsOf.parse("2024-12-31");
    insert(List.of(
            order(oid(1), oid(100), "2024-11-05T10:00:00Z", "delivered").item(item(oid(10), 1, 10)).build(),
            order(oid(2), oid(101), "2024-11-06T10:00:00Z", "delivered").item(item(oid(11), 1, 20)).build(),
            order(oid(3), oid(101), "2024-12-06T10:00:00Z", "delivered").item(item(oid(11), 1, 20)).build()),
        List.of(product(oid(10), "A", "a", "X"), product(oid(11), "B", "b", "Y")),
        List.of(user(oid(100), "a@x"), user(oid(101), "b@x")));
    new AnalyticsSuite(spark, FIRST_RUN).execute(request(List.of(november, december), asOf).build());
    assertThat(storedProducts()).extracting(d -> d.get("product_id") + "/" + d.get("period"))
        .containsExactly(oid(10) + "/2024-11", oid(11) + "/2024-11", oid(11) + "/2024-12");

    // product 10's only sale and user 100's only sale is cancelled
    db().getCollection("orders").updateOne(Filters.eq("_id", oid(1)), Updates.set("status", "cancelled"));
    RunSummary rerun = new AnalyticsSuite(spark, SECOND_RUN).execute(request(List.of(november), asOf).build());

    assertThat(storedProducts()).extracting(d -> d.get("product_id") + "/" + d.get("period"))
        .as("November recomputed without product 10; December, outside the run, untouched")
        .containsExactly(oid(11) + "/2024-11", oid(11) + "/2024-12");
    assertThat(storedCustomers()).extracting(d -> d.get("user_id")).containsExactly(oid(101));
    assertThat(rerun.toJson())
        .contains("\"product_analytics\":{\"written\":1,\"inserted\":0,\"updated\":1,\"removed\":1}")
        .contains("\"customer_analytics\":{\"written\":1,\"inserted\":0,\"updated\":1,\"removed\":1}");
    assertThat(db().getCollection("sales_analytics").find(Filters.eq("period", "2024-12")).first().getDate("updated_at"))
        .isEqualTo(java.util.Date.from(FIRST_RUN.instant()));
  }
}
