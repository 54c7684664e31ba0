package io.shopanalytics.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.validate.OrderValidator;
import io.shopanalytics.jobs.load.LoadSpec;
import io.shopanalytics.jobs.load.SeedData;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

/**
 * The shop's application placing orders now: the loader's orders (its customers, products and
 * prices), each dated at its insert, paid (status processing, a sale), and valid, so that every
 * one of them counts in its month's sales analytics; and, now and then, a cancellation.
 */
final class OrderTraffic {
  /** One order placed: its id and when its insert was acknowledged. */
  record Placed(BsonValue id, Instant at) {}

  private final MongoCollection<BsonDocument> orders;
  private final SeedData shop;
  private final Clock clock;
  private final OrderValidator validator = new OrderValidator();
  private final Random random;
  private int next;

  /** @param spec the loaded shop's users, products and seed, whose ids the orders use */
  OrderTraffic(MongoCollection<BsonDocument> orders, LoadSpec spec, Clock clock) {
    this.orders = orders;
    this.shop = new SeedData(spec);
    this.clock = clock;
    this.random = new Random(spec.seed());
    this.next = spec.orders();
  }

  /** Places one order dated now. */
  Placed place() {
    Instant now = clock.instant();
    BsonDocument order;
    do {
      order = shop.order(next++);
      order.put("_id", new BsonObjectId(new ObjectId()));
      order.put(OrderSchema.CREATED_AT, new BsonDateTime(now.toEpochMilli()));
      order.put(OrderSchema.UPDATED_AT, new BsonDateTime(now.toEpochMilli()));
      order.put(OrderSchema.STATUS, new BsonString("processing"));
      order.put(OrderSchema.ANALYTICS_PROCESSED, BsonBoolean.FALSE);
      order.put("order_number", new BsonString("ORD-LIVE-" + order.getObjectId("_id").getValue().toHexString()));
    } while (validator.validate(order).getAs(OrderSchema.REJECT_REASON) != null);
    orders.insertOne(order);
    return new Placed(order.get("_id"), clock.instant());
  }

  /** Cancels one of {@code placed}, as the application does (updated_at now, analytics_processed reset). */
  void cancelOneOf(List<Placed> placed) {
    Placed victim = placed.get(random.nextInt(placed.size()));
    orders.updateOne(Filters.eq("_id", victim.id()), Updates.combine(Updates.set(OrderSchema.STATUS, "cancelled"),
        Updates.set(OrderSchema.UPDATED_AT, new Date()), Updates.set(OrderSchema.ANALYTICS_PROCESSED, false)));
  }

  /**
   * Places {@code perSecond} orders a second for {@code seconds}, evenly spaced, cancelling one of
   * them every {@code cancelEvery} orders (0: never).
   */
  List<Placed> run(double perSecond, double seconds, int cancelEvery) throws InterruptedException {
    List<Placed> placed = new ArrayList<>();
    long interval = Math.round(1e9 / perSecond);
    long start = System.nanoTime();
    long end = start + Math.round(seconds * 1e9);
    for (long due = start; due < end; due += interval) {
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      placed.add(place());
      if (cancelEvery > 0 && placed.size() % cancelEvery == 0) {
        cancelOneOf(placed);
      }
    }
    return placed;
  }
}
