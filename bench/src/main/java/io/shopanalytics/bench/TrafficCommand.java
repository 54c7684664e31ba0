package io.shopanalytics.bench;

import com.mongodb.client.MongoClient;
import io.shopanalytics.common.config.SettingKeys;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.jobs.load.LoadSpec;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.bson.BsonDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code traffic}: plays the shop's application against a seeded database, placing orders dated now
 * at a steady rate and cancelling some, for watching the stream job keep the analytics current.
 */
@Command(name = "traffic", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Places orders dated now at a steady rate (and cancels some), as the shop's application would, "
        + "into a database the loader seeded.")
public final class TrafficCommand implements Callable<Integer> {
  @Option(names = "--uri", paramLabel = "URI", defaultValue = SettingKeys.DEFAULT_URI,
      description = "The seeded server. Default: ${DEFAULT-VALUE}.")
  String uri;

  @Option(names = "--database", defaultValue = "shop", description = "Database name. Default: ${DEFAULT-VALUE}.")
  String database;

  @Option(names = "--rate", paramLabel = "N", defaultValue = "10", description = "Orders a second. Default: ${DEFAULT-VALUE}.")
  double rate;

  @Option(names = "--seconds", paramLabel = "N", defaultValue = "60", description = "For how long. Default: ${DEFAULT-VALUE}.")
  double seconds;

  @Option(names = "--cancel-every", paramLabel = "N", defaultValue = "10",
      description = "Cancel one of the orders placed every N orders (0: never). Default: ${DEFAULT-VALUE}.")
  int cancelEvery;

  @Option(names = "--users", defaultValue = "20000", description = "The seeded users (as given to load). Default: ${DEFAULT-VALUE}.")
  int users;

  @Option(names = "--products", defaultValue = "1000", description = "The seeded products (as given to load). Default: ${DEFAULT-VALUE}.")
  int products;

  @Option(names = "--seed", defaultValue = "42", description = "The load's seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() throws InterruptedException {
    if (!(rate > 0) || !(seconds > 0) || cancelEvery < 0) {
      throw new IllegalArgumentException("--rate and --seconds must be positive, --cancel-every 0 or more");
    }
    try (MongoClient client = MongoClientCache.create(uri)) {
      LoadSpec shop = new LoadSpec(users, products, 1, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), seed);
      OrderTraffic traffic = new OrderTraffic(client.getDatabase(database).getCollection("orders", BsonDocument.class),
          shop, Clock.systemUTC());
      System.err.printf("traffic: %.1f orders a second for %.0f s into %s, one cancelled every %d%n", rate, seconds,
          database, cancelEvery);
      List<OrderTraffic.Placed> placed = traffic.run(rate, seconds, cancelEvery);
      System.out.printf("{\"orders_placed\": %d, \"cancelled\": %d}%n", placed.size(),
          cancelEvery == 0 ? 0 : placed.size() / cancelEvery);
    }
    return 0;
  }
}
