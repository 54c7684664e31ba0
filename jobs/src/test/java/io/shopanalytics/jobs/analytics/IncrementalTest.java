package io.shopanalytics.jobs.analytics;

import static io.shopanalytics.jobs.testdata.TestOrders.item;
import static io.shopanalytics.jobs.testdata.TestOrders.oid;
import static io.shopanalytics.jobs.testdata.TestOrders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.shopanalytics.common.incremental.ProcessedMarker;
import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.run.RunSummary;
import io.shopanalytics.common.source.OrdersSource;
import io.shopanalytics.common.source.ReadMetrics;
import io.shopanalytics.common.source.ReadPlan;
import io.shopanalytics.common.source.ReadScope;
import io.shopanalytics.common.source.strategy.ReadStrategies;
import io.shopanalytics.common.testing.EmbeddedServerTest;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.validate.OrderValidation;
import io.shopanalytics.jobs.oracle.ReferenceAnalytics;
import io.shopanalytics.jobs.oracle.ReferenceResult;
import io.shopanalytics.jobs.testdata.RandomShopData.ShopData;
import io.shopanalytics.jobs.testdata.RandomShopData;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** --mode incremental: dirty months only, same results as a full run, orders marked exactly. */
@EmbeddedServerTest
class IncrementalTest extends AnalyticsTestBase {
  private static final AsOf AS_OF = RandomShopData.AS_OF;

  private static ShopData seed() {
    ShopData shop = RandomShopData.generate(17, 50, 40, 700, 0.02);
    insert(shop.orders(), shop.products(), shop.users());
    return shop;
  }

  private static RunRequest incremental() {
    return request(List.of(), AS_OF).incremental(true).build();
  }

  private static long unprocessed() {
    return db().getCollection("orders").countDocuments(Filters.ne(OrderSchema.ANALYTICS_PROCESSED, true));
  }

  @Test
  void recomputesOnlyDirtyMonthsAndEndsEqualToAFullRun() throws Exception {
    seed();
    RunSummary first = new AnalyticsSuite(spark).execute(incremental());
    assertThat(first.get("periods")).as("every month holding orders, malformed ones too")
        .isEqualTo(List.of("2024-06", "2024-09", "2024-10", "2024-11", "2024-12", "2025-01", "2025-02"));
    long readOnFirstRun = (Long) first.get("orders_read");
    assertThat(first.get("orders_marked")).as("every order read was unprocessed").isEqualTo(readOnFirstRun);
    assertThat(first.get("orders_skipped_changed")).isEqualTo(0L);
    assertThat(unprocessed()).isZero();

    // the application cancels an October order and a December order, and takes a new November order
    Date now = new Date();
    for (Document sale : List.of(firstSale("2024-10"), firstSale("2024-12"))) {
      db().getCollection("orders").updateOne(Filters.eq("_id", sale.get("_id")), Updates.combine(
          Updates.set("status", "cancelled"), Updates.set("updated_at", now), Updates.set("analytics_processed", false)));
    }
    db().getCollection("orders").insertOne(order(oid(0xfff), firstSale("2024-10").get("user_id"),
        "2024-11-15T12:00:00Z", "delivered").set("analytics_processed", false).item(item(oid(0xffe), 2, 12.5)).build());
    assertThat(unprocessed()).as("the untouched history stays processed").isEqualTo(3L);

    RunSummary second = new AnalyticsSuite(spark).execute(incremental());
    assertThat(second.get("periods")).isEqualTo(List.of("2024-10", "2024-11", "2024-12"));
    assertThat(second.get("dirty_orders")).isEqualTo(3L);
    assertThat(second.get("orders_marked")).isEqualTo(3L);
    assertThat(unprocessed()).isZero();

    List<Document> products = storedProducts();
    List<Document> sales = storedSales();
    List<Document> customers = storedCustomers();
    runAll(RandomShopData.PERIODS, AS_OF);
    assertThat(products).isEqualTo(storedProducts());
    assertThat(sales).isEqualTo(storedSales());
    assertThat(customers).isEqualTo(storedCustomers());
  }

  /**
   * A stream's micro-batch recomputes November and, reading the whole history for them, the
   * customers: only November's orders (and rejects, which count in no month) are marked; the other
   * months' unprocessed orders stay so, their product and sales analytics not recomputed.
   */
  @Test
  void onlyTheOrdersOfTheRecomputedMonthsAreMarked() throws Exception {
    seed();
    io.shopanalytics.common.time.Period november = io.shopanalytics.common.time.Period.of(2024, 11);
    org.bson.conversions.Bson datedOutsideNovember = Filters.and(Filters.type("created_at", "date"),
        Filters.or(Filters.lt("created_at", Date.from(november.start())),
            Filters.gte("created_at", Date.from(november.nextStart()))));
    long outsideBefore = db().getCollection("orders").countDocuments(Filters.and(datedOutsideNovember,
        Filters.ne(OrderSchema.ANALYTICS_PROCESSED, true)));

    RunSummary run = new AnalyticsSuite(spark).execute(request(List.of(november), AS_OF)
        .mode(RunMode.STREAM).build());

    assertThat((Long) run.get("orders_marked")).isPositive();
    assertThat(db().getCollection("orders").countDocuments(Filters.and(Filters.ne(OrderSchema.ANALYTICS_PROCESSED, true),
        Filters.gte("created_at", Date.from(november.start())), Filters.lt("created_at", Date.from(november.nextStart())))))
        .as("November's orders").isZero();
    List<Document> markedOutside = db().getCollection("orders").find(Filters.and(datedOutsideNovember,
        Filters.eq(OrderSchema.ANALYTICS_PROCESSED, true))).into(new java.util.ArrayList<>());
    assertThat(markedOutside).as("outside November, only rejects (in no month) are marked")
        .allSatisfy(order -> assertThat(io.shopanalytics.jobs.oracle.ReferenceValidation.rejectReason(order)).isPresent());
    assertThat(db().getCollection("orders").countDocuments(Filters.and(datedOutsideNovember,
        Filters.ne(OrderSchema.ANALYTICS_PROCESSED, true))))
        .as("the other months' orders, read for customer analytics only")
        .isEqualTo(outsideBefore - markedOutside.size()).isPositive();
  }

  private static Document firstSale(String month) {
    io.shopanalytics.common.time.Period period = io.shopanalytics.common.time.Period.parse(month);
    return db().getCollection("orders").find(Filters.and(Filters.in("status", "delivered", "shipped"),
            Filters.gte("created_at", Date.from(period.start())), Filters.lt("created_at", Date.from(period.nextStart())),
            Filters.type("user_id", "objectId"), Filters.type("items.0.product_id", "objectId")))
        .sort(new Document("_id", 1)).first();
  }

  @Test
  void anOrderUpdatedBetweenTheReadAndTheMarkingStaysUnprocessed() {
    seed();
    OrdersSource source = ReadStrategies.orders("time-slices", mongo.settings().build(), ReadScope.everything(), 500);
    java.time.Instant readStarted = java.time.Instant.now();
    Dataset<Row> read = OrderValidation.validate(source.read(spark)).cache();
    long unprocessedRead = read.where("analytics_processed = false").count();
    Document changed = db().getCollection("orders").find(Filters.type("created_at", "date")).first();
    db().getCollection("orders").updateOne(Filters.eq("_id", changed.get("_id")),
        Updates.combine(Updates.set("status", "returned"), Updates.set("updated_at", new Date())));

    ProcessedMarker.Outcome outcome = new ProcessedMarker(mongo.settings().build()).mark(read, readStarted);

    assertThat(outcome.candidates()).isEqualTo(unprocessedRead);
    assertThat(outcome.skippedChanged()).isEqualTo(1L);
    assertThat(db().getCollection("orders").find(Filters.eq("_id", changed.get("_id"))).first()
        .getBoolean("analytics_processed")).isFalse();
    assertThat(unprocessed()).isEqualTo(1L);
    read.unpersist();
  }

  /**
   * The marking recomputes the read (nothing cached here, as when Spark lost a cached partition): it
   * sees the version written after the read started, which the aggregates never used, and must not
   * mark it.
   */
  @Test
  void aVersionNewerThanTheReadIsNotMarkedEvenWhenTheMarkingReadsItAgain() throws Exception {
    seed();
    OrdersSource source = ReadStrategies.orders("time-slices", mongo.settings().build(), ReadScope.everything(), 500);
    java.time.Instant readStarted = java.time.Instant.now();
    Dataset<Row> read = OrderValidation.validate(source.read(spark));
    long unprocessedRead = read.where("analytics_processed = false").count();
    Thread.sleep(5);
    Document changed = db().getCollection("orders").find(Filters.type("created_at", "date")).first();
    db().getCollection("orders").updateOne(Filters.eq("_id", changed.get("_id")), Updates.combine(
        Updates.set("status", "returned"), Updates.set("updated_at", new Date()), Updates.set("analytics_processed", false)));

    ProcessedMarker.Outcome outcome = new ProcessedMarker(mongo.settings().build()).mark(read, readStarted);

    assertThat(db().getCollection("orders").find(Filters.eq("_id", changed.get("_id"))).first()
        .getBoolean("analytics_processed")).as("the newer version").isFalse();
    assertThat(outcome.marked()).isEqualTo(unprocessedRead - 1);
    assertThat(unprocessed()).isEqualTo(1L);
  }

  @Test
  void aRunThatFailsBeforeItsWritesMarksNothing() {
    seed();
    long before = unprocessed();
    OrdersSource failing = new FailingSource(ReadStrategies.orders("time-slices", mongo.settings().build(),
        ReadScope.everything(), 500));
    AnalyticsSuite readingFailing = new AnalyticsSuite(spark, Clock.systemUTC(), (request, scope) -> failing);
    assertThatThrownBy(() -> readingFailing.execute(incremental())).hasMessageContaining("injected read failure");
    assertThat(unprocessed()).isEqualTo(before);
    assertThat(db().getCollection("product_analytics").countDocuments()).isZero();
  }

  @Test
  void productCountersEqualTheReferenceOverAllSaleOrders() throws Exception {
    ShopData shop = seed();
    runAll(RandomShopData.PERIODS, AS_OF);
    // every month with sales: the history the counters sum over
    runAll(List.of(io.shopanalytics.common.time.Period.of(2024, 6), io.shopanalytics.common.time.Period.of(2025, 1)), AS_OF);
    ReferenceResult reference = ReferenceAnalytics.compute(shop.orders(), shop.products(), shop.users(),
        io.shopanalytics.common.time.Period.range(io.shopanalytics.common.time.Period.of(2024, 1),
            io.shopanalytics.common.time.Period.of(2025, 12)), null);
    Map<Object, Long> quantity = new HashMap<>();
    Map<Object, Date> lastSold = new HashMap<>();
    for (Document product : reference.productAnalytics()) {
      quantity.merge(product.get("product_id"), product.get("metrics", Document.class).getLong("total_quantity_sold"), Long::sum);
      lastSold.merge(product.get("product_id"), product.getDate("last_sold_at"), (a, b) -> a.after(b) ? a : b);
    }
    int checked = 0;
    for (Document product : db().getCollection("products").find()) {
      Document analytics = product.get("analytics", Document.class);
      Object id = product.get("_id");
      if (quantity.containsKey(id)) {
        assertThat(analytics.getLong("purchase_count")).as("purchase_count of %s", id).isEqualTo(quantity.get(id));
        assertThat(analytics.getDate("last_sold_at")).as("last_sold_at of %s", id).isEqualTo(lastSold.get(id));
        checked++;
      } else {
        assertThat(analytics == null || analytics.get("purchase_count") == null
            || analytics.getLong("purchase_count") == 0L).as("unsold %s", id).isTrue();
      }
      Document original = shop.products().stream().filter(p -> p.get("_id").equals(id)).findFirst().orElseThrow();
      for (String field : original.keySet()) {
        if (!field.equals("analytics")) {
          assertThat(product.get(field)).as("untouched %s.%s", id, field).isEqualTo(original.get(field));
        }
      }
    }
    assertThat(checked).isEqualTo(quantity.keySet().stream().filter(id -> shop.products().stream()
        .anyMatch(p -> p.get("_id").equals(id))).count());
  }

  /** A source whose read fails midway, as a lost connection would. */
  private static final class FailingSource implements OrdersSource {
    private final OrdersSource delegate;

    FailingSource(OrdersSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public ReadPlan plan() {
      return delegate.plan();
    }

    @Override
    public Dataset<Row> read(SparkSession spark) {
      MapFunction<Row, Row> failOnAnOrder = row -> {
        if (new BigDecimal(row.getAs("document").toString().length()).signum() > 0) {
          throw new IllegalStateException("injected read failure");
        }
        return row;
      };
      return delegate.read(spark).map(failOnAnOrder, Encoders.row(delegate.read(spark).schema()));
    }

    @Override
    public ReadMetrics metrics() {
      return delegate.metrics();
    }
  }
}
