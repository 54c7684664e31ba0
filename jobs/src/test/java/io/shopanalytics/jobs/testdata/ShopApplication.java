package io.shopanalytics.jobs.testdata;

import static io.shopanalytics.jobs.testdata.TestOrders.dec;
import static io.shopanalytics.jobs.testdata.TestOrders.item;
import static io.shopanalytics.jobs.testdata.TestOrders.order;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.shopanalytics.common.model.OrderStatus;
import io.shopanalytics.common.time.Period;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The shop's application, as the stream sees it: it inserts orders, cancels some, corrects
 * quantities, deletes and re-dates orders; every update sets {@code updated_at} and resets
 * {@code analytics_processed}, as docs/CONTRACT.md asks of the application (an insert, dated in the
 * past or not, is written now: its {@code updated_at} is now). Deterministic for a seed.
 */
public final class ShopApplication {
  private final MongoCollection<Document> orders;
  private final List<Object> users;
  private final List<Object> products;
  private final Random random;
  private final List<Object> touched = new ArrayList<>();

  public ShopApplication(MongoDatabase database, long seed) {
    this.orders = database.getCollection("orders");
    this.users = ids(database.getCollection("users"));
    this.products = ids(database.getCollection("products"));
    this.random = new Random(seed);
  }

  private static List<Object> ids(MongoCollection<Document> collection) {
    return collection.find().projection(new Document("_id", 1)).sort(Sorts.ascending("_id"))
        .map(document -> document.get("_id")).into(new ArrayList<>());
  }

  /** The ids of every order this application inserted, changed or deleted. */
  public List<Object> touched() {
    return List.copyOf(touched);
  }

  /** {@code count} new sales in {@code month}, before {@code before}. */
  public List<Object> insert(int count, Period month, Instant before) {
    List<Object> ids = new ArrayList<>();
    long span = Math.min(before.toEpochMilli(), month.nextStart().toEpochMilli()) - month.start().toEpochMilli();
    for (int i = 0; i < count; i++) {
      ObjectId id = new ObjectId();
      Instant createdAt = month.start().plusMillis((long) (random.nextDouble() * span));
      TestOrders.OrderBuilder built = order(id, users.get(random.nextInt(users.size())), createdAt.toString(),
          random.nextBoolean() ? OrderStatus.DELIVERED : OrderStatus.SHIPPED).payment("credit_card")
          .set("updated_at", new Date()).set("analytics_processed", false);
      for (int line = 0; line <= random.nextInt(3); line++) {
        built.item(item(products.get(random.nextInt(products.size())), 1 + random.nextInt(3),
            dec((5 + random.nextInt(200)) + "." + (10 + random.nextInt(90)))));
      }
      orders.insertOne(built.build());
      ids.add(id);
    }
    touched.addAll(ids);
    return ids;
  }

  /** Cancels {@code count} sales of {@code month}. */
  public List<Object> cancel(int count, Period month) {
    return update(sales(month), count, Updates.set("status", OrderStatus.CANCELLED));
  }

  /** Adds one to the first line's quantity of {@code count} sales of {@code month}. */
  public List<Object> correctQuantities(int count, Period month) {
    return update(Filters.and(sales(month), Filters.type("items.0.quantity", "int")), count,
        Updates.inc("items.0.quantity", 1));
  }

  /** Moves one sale of {@code from} to {@code to} (a corrected created_at). */
  public Object move(Period from, Period to) {
    return update(sales(from), 1, Updates.set("created_at", Date.from(to.start().plusSeconds(3_600)))).get(0);
  }

  /** Deletes one sale of {@code month}. */
  public Object delete(Period month) {
    Document victim = orders.find(Filters.and(sales(month), Filters.nin("_id", touched)))
        .sort(Sorts.ascending("_id")).skip(random.nextInt(5)).first();
    orders.deleteOne(Filters.eq("_id", victim.get("_id")));
    touched.add(victim.get("_id"));
    return victim.get("_id");
  }

  private List<Object> update(Bson filter, int count, Bson change) {
    List<Object> ids = new ArrayList<>();
    for (Document target : orders.find(Filters.and(filter, Filters.nin("_id", touched)))
        .sort(Sorts.ascending("_id")).limit(count)) {
      orders.updateOne(Filters.eq("_id", target.get("_id")), Updates.combine(change,
          Updates.set("updated_at", new Date()), Updates.set("analytics_processed", false)));
      ids.add(target.get("_id"));
    }
    touched.addAll(ids);
    return ids;
  }

  /** Valid-looking sales of a month: a sale status, items that are an array. */
  private static Bson sales(Period month) {
    return Filters.and(Filters.in("status", OrderStatus.SALES),
        Filters.gte("created_at", Date.from(month.start())), Filters.lt("created_at", Date.from(month.nextStart())),
        Filters.type("items", "array"), Filters.type("user_id", "objectId"));
  }
}
