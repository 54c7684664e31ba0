package io.shopanalytics.common.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.shopanalytics.common.config.LeaseSettings;
import io.shopanalytics.common.testing.EmbeddedMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Leases and fencing against the embedded server: acquisition, expiry, takeover, heartbeat, guarded upserts. */
class LeaseStoreTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static EmbeddedMongo mongo;
  private LeaseStore store;

  @BeforeAll
  static void start() {
    mongo = EmbeddedMongo.start();
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  @BeforeEach
  void empty() {
    mongo.clear();
    store = new LeaseStore(mongo.settings().writeMaxRetries(0).build());
  }

  private static MongoCollection<Document> leases() {
    return mongo.database().getCollection(LeaseStore.COLLECTION);
  }

  @Test
  void aScopeIsTakenByOneRunAtATimeAndEachAcquisitionRaisesTheToken() throws Exception {
    Instant now = Instant.now();
    Lease first = store.tryAcquire("sales_analytics:2024-11", "run-a", now, MINUTE).orElseThrow();
    assertThat(first.token()).isEqualTo(1L);
    assertThat(store.tryAcquire("sales_analytics:2024-11", "run-b", now, MINUTE)).isEmpty();
    assertThat(store.tryAcquire("sales_analytics:2024-12", "run-b", now, MINUTE)).map(Lease::token).contains(1L);

    store.release(first, now);
    Lease second = store.tryAcquire("sales_analytics:2024-11", "run-b", now, MINUTE).orElseThrow();
    assertThat(second.token()).isEqualTo(2L);
    assertThatThrownBy(() -> store.verify(List.of(first))).isInstanceOf(FencedException.class)
        .hasMessageContaining("taken over by run run-b (token 2)");
    store.verify(List.of(second));
    assertThat(store.renew(first, now, MINUTE)).as("the old holder's heartbeat").isFalse();
    store.release(first, now);
    assertThat(leases().find().first().getString("owner")).as("a stale release frees nothing").isEqualTo("run-b");
  }

  @Test
  void manyRunsRacingForAFreeScopeLeaveExactlyOneHolder() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Optional<Lease>>> racers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String owner = "run-" + i;
        racers.add(() -> store.tryAcquire("customer_analytics", owner, Instant.now(), MINUTE));
      }
      List<Lease> winners = new ArrayList<>();
      for (Future<Optional<Lease>> result : pool.invokeAll(racers)) {
        result.get().ifPresent(winners::add);
      }
      assertThat(winners).hasSize(1);
      assertThat(leases().find().first().getString("owner")).isEqualTo(winners.get(0).owner());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCrashedRunsLeaseBlocksUntilItExpiresThenTheNextRunTakesItOverWithAGreaterToken() throws Exception {
    Instant now = Instant.now();
    leases().insertOne(new Document("_id", "customer_analytics").append("owner", "crashed").append("token", 7L)
        .append("expires_at", Date.from(now.plusMillis(1500))));
    LeaseSettings waitLittle = LeaseSettings.defaults().withLockWait(Duration.ofMillis(300));
    assertThatThrownBy(() -> RunLeases.acquire(store, List.of("customer_analytics"), "next", waitLittle, Clock.systemUTC()))
        .isInstanceOf(LeaseBusyException.class)
        .hasMessageContaining("Another run holds customer_analytics (run crashed until");

    try (RunLeases leases = RunLeases.acquire(store, List.of("customer_analytics"), "next",
        LeaseSettings.defaults().withLockWait(Duration.ofSeconds(30)), Clock.systemUTC())) {
      assertThat(leases.lease("customer_analytics").token()).isEqualTo(8L);
      assertThat(Instant.now()).isAfter(now.plusMillis(1500));
    }
    assertThat(leases().find().first().get("owner")).as("released at the end").isNull();
  }

  @Test
  void theHeartbeatKeepsTheLeaseAliveAndNoticesATakeover() throws Exception {
    LeaseSettings short_ = LeaseSettings.defaults().withDuration(Duration.ofMillis(1200));
    try (RunLeases leases = RunLeases.acquire(store, List.of("b", "a"), "run-a", short_, Clock.systemUTC())) {
      Thread.sleep(2500);
      leases.checkHeld();
      assertThat(store.tryAcquire("a", "run-b", Instant.now(), MINUTE)).as("renewed past its first expiry").isEmpty();

      leases().updateOne(Filters.eq("_id", "b"), Updates.combine(Updates.set("owner", "run-b"), Updates.inc("token", 1L)));
      Thread.sleep(1000);
      assertThatThrownBy(leases::checkHeld).isInstanceOf(FencedException.class).hasMessageContaining("taken over");
    }
  }

  @Test
  void aGuardedUpsertNeverOverwritesANewerTokenAndTheSweepKeepsNewerDocuments() throws Exception {
    MongoCollection<Document> sales = mongo.database().getCollection("sales_analytics");
    sales.createIndex(Indexes.ascending("period"), new IndexOptions().unique(true));
    sales.insertOne(new Document("period", "2024-11").append("total", 5).append(WriteFence.TOKEN, 5L));
    sales.insertOne(new Document("period", "2024-12").append("total", 6));
    Lease old = new Lease("sales_analytics:2024-11", "old", 4L);
    WriteFence fence = WriteFence.leased(store, "period", Map.of("2024-11", old, "2024-12", old));

    Document fields = new Document("total", 1);
    Document key = new Document("period", "2024-11");
    assertThatThrownBy(() -> sales.bulkWrite(List.of(upsert(fence.guard(key, fields), fields))))
        .isInstanceOf(MongoBulkWriteException.class).hasMessageContaining("E11000");
    Document newKey = new Document("period", "2024-12");
    Document newer = new Document("total", 2);
    sales.bulkWrite(List.of(upsert(fence.guard(newKey, newer), newer)));

    assertThat(sales.find(Filters.eq("period", "2024-11")).first()).containsEntry("total", 5).containsEntry(WriteFence.TOKEN, 5L);
    assertThat(sales.find(Filters.eq("period", "2024-12")).first()).containsEntry("total", 2).containsEntry(WriteFence.TOKEN, 4L);
    sales.insertOne(new Document("period", "2024-10").append("total", 3).append(WriteFence.TOKEN, 1L));
    assertThat(sales.countDocuments(fence.stale(new Date()))).as("only tokens below the run's in its scopes").isZero();
    assertThat(sales.countDocuments(WriteFence.leased(store, "period", Map.of("2024-10", old)).stale(new Date())))
        .isEqualTo(1);
  }

  /**
   * What the leases cost a run, per operation on the embedded server (printed for docs/ARCHITECTURE.md, 8. Runs under a scheduler):
   * a run takes and releases one lease per scope, and verifies its leases once per bulk write.
   */
  @Test
  void theCostOfTheLeaseOperations() throws Exception {
    List<String> scopes = new ArrayList<>();
    for (int month = 1; month <= 12; month++) {
      scopes.add("product_analytics:2024-" + String.format("%02d", month));
      scopes.add("sales_analytics:2024-" + String.format("%02d", month));
    }
    scopes.add("customer_analytics");
    long started = System.nanoTime();
    int runs = 20;
    for (int run = 0; run < runs; run++) {
      RunLeases.acquire(store, scopes, "run-" + run, LeaseSettings.defaults(), Clock.systemUTC()).close();
    }
    double acquireRelease = (System.nanoTime() - started) / 1e6 / runs;
    int checks = 500;
    double verify;
    try (RunLeases held = RunLeases.acquire(store, scopes, "measured", LeaseSettings.defaults(), Clock.systemUTC())) {
      started = System.nanoTime();
      for (int i = 0; i < checks; i++) {
        store.verify(List.of(held.lease("customer_analytics")));
      }
      verify = (System.nanoTime() - started) / 1e6 / checks;
    }
    System.out.printf("LEASE COST: acquiring and releasing %d scopes %.1f ms per run; one verification %.2f ms%n",
        scopes.size(), acquireRelease, verify);
    assertThat(verify).isPositive();
  }

  private static UpdateOneModel<Document> upsert(org.bson.conversions.Bson filter, Document fields) {
    return new UpdateOneModel<>(filter, new Document("$set", fields), new UpdateOptions().upsert(true));
  }
}
