package io.shopanalytics.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.run.RunSummary;
import io.shopanalytics.common.settings.MongoSettings;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class SuiteSmokeTest {
  @Test
  void runs() throws Exception {
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    InetSocketAddress address = server.getLocalAddress();
    String uri = "mongodb://127.0.0.1:" + address.getPort();
    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4").config("spark.sql.adaptive.enabled", System.getProperty("aqe", "true")).getOrCreate();
    try (MongoClient client = MongoClientCache.create(uri)) {
      MongoDatabase db = client.getDatabase("shop");
      ObjectId p1 = new ObjectId();
      ObjectId u1 = new ObjectId();
      db.getCollection("products").insertOne(new Document("_id", p1).append("sku", "S1").append("name", "N1").append("category", "Electronics"));
      db.getCollection("users").insertOne(new Document("_id", u1).append("email", "a@b.c"));
      db.getCollection("orders").insertMany(List.of(
          new Document("_id", new ObjectId()).append("user_id", u1).append("status", "delivered")
              .append("created_at", Date.from(Instant.parse("2024-11-30T23:59:59.999Z")))
              .append("payment", new Document("method", "paypal"))
              .append("items", List.of(new Document("product_id", p1).append("quantity", 2).append("unit_price", 19.99))),
          new Document("_id", new ObjectId()).append("user_id", u1).append("status", "shipped")
              .append("created_at", Date.from(Instant.parse("2024-11-02T10:00:00Z")))
              .append("items", List.of(new Document("product_id", p1).append("quantity", 1L).append("unit_price", new Decimal128(new java.math.BigDecimal("5.005"))))),
          new Document("_id", new ObjectId()).append("user_id", u1).append("status", "shipped")
              .append("created_at", "2024-11-02")
              .append("items", List.of())));
      MongoSettings settings = MongoSettings.builder().uri(uri).build();
      RunSummary summary = AnalyticsSuite.in(spark).settings(settings).periods(List.of(Period.parse("2024-11")))
          .asOf(AsOf.parse("2024-11-30")).execute();
      System.out.println(summary.toJson());
      for (String c : List.of("product_analytics", "sales_analytics", "customer_analytics", "analytics_rejects")) {
        for (Document d : db.getCollection(c).find()) {
          System.out.println(c + ": " + d.toJson());
        }
      }
      assertThat(db.getCollection("sales_analytics").countDocuments()).isEqualTo(1);
    } finally {
      server.shutdownNow();
    }
  }
}
