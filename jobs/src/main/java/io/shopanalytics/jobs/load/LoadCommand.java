package io.shopanalytics.jobs.load;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.shopanalytics.common.config.ConfigException;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.config.Secrets;
import io.shopanalytics.common.config.SettingKeys;
import io.shopanalytics.common.lease.LeaseStore;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.mongo.SourceCollections;
import io.shopanalytics.common.sink.AnalyticsIndexes;
import io.shopanalytics.jobs.options.ConnectionOptions;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * Seeds users, products and orders with reproducible, realistically skewed data; shards the
 * collections first when connected to a mongos, then creates the indexes the jobs rely on.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Seeds users, products and orders (same seed, same documents), shards them on a mongos and creates the indexes.",
        "Prints progress on stderr and a one-line JSON summary on stdout."})
public final class LoadCommand implements Runnable {
  static final List<String> SOURCE_COLLECTIONS = List.of(SourceCollections.USERS, SourceCollections.PRODUCTS, SourceCollections.ORDERS);

  @Spec
  CommandSpec command;

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--users", paramLabel = "N", defaultValue = "20000", description = "Users to create. Default: ${DEFAULT-VALUE}.")
  int users;

  @Option(names = "--products", paramLabel = "N", defaultValue = "1000", description = "Products to create. Default: ${DEFAULT-VALUE}.")
  int products;

  @Option(names = "--orders", paramLabel = "N", defaultValue = "100000", description = "Orders to create. Default: ${DEFAULT-VALUE}.")
  int orders;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", defaultValue = "2024-01-01", converter = DateConverter.class,
      description = "First day (UTC) of order creation. Default: ${DEFAULT-VALUE}.")
  LocalDate from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", defaultValue = "2024-12-31", converter = DateConverter.class,
      description = "Last day (UTC) of order creation, inclusive. Default: ${DEFAULT-VALUE}.")
  LocalDate to;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--drop", description = "Drop users, products, orders and the analytics collections first. "
      + "Without it the load refuses to write into non-empty source collections.")
  boolean drop;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000", description = "Documents per insertMany. Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(names = "--writers", paramLabel = "N", defaultValue = "4", description = "Parallel writer threads. Default: ${DEFAULT-VALUE}.")
  int writers;

  @Option(names = "--write-concern", paramLabel = "W", defaultValue = "majority",
      description = "majority, a number of nodes, or a tag set name. Default: ${DEFAULT-VALUE}.")
  String writeConcern;

  @Override
  public void run() {
    LoadSpec spec = new LoadSpec(users, products, orders, from, to, seed);
    requireBetween("--batch-size", batchSize, 1, 100_000);
    requireBetween("--writers", writers, 1, 64);
    if (writeConcern.isBlank()) {
      throw new ConfigException("--write-concern must not be empty");
    }
    // the write concern travels through the settings so that it is parsed the way every job parses it
    MongoSettings settings = connection.settings(Map.of(SettingKeys.WRITE_CONCERN, writeConcern), System.getenv());
    PrintWriter err = command.commandLine().getErr();
    try (MongoClient client = MongoClientCache.create(settings.writeUri())) {
      MongoDatabase admin = client.getDatabase("admin");
      Topology topology = probe(admin, settings);
      MongoDatabase database = client.getDatabase(settings.database()).withWriteConcern(settings.writeConcernObject());
      err.printf("load: %,d users, %,d products, %,d orders (%s..%s, seed %d) into %s database %s (%s)%n",
          spec.users(), spec.products(), spec.orders(), spec.from(), spec.to(), spec.seed(),
          Secrets.mask(settings.uri()), settings.database(), topology.kind());
      clearOrRefuse(database, err);
      SeedData data = new SeedData(spec);
      ShardingPlan plan = ShardingPlan.of(topology, settings.database(), data.categoriesByPopularity());
      ShardingExecutor.apply(admin, plan, err);
      SourceCollections.ensureIndexes(database, plan.shardsProducts());
      PreImages.enable(database, err);
      AnalyticsIndexes.ensureAll(database);
      LoadSummary summary = insertAll(database, spec, data, settings.database(), plan, err);
      err.println(summary.toText());
      command.commandLine().getOut().println(summary.toJson());
    }
  }

  private LoadSummary insertAll(MongoDatabase database, LoadSpec spec, SeedData data, String databaseName,
      ShardingPlan plan, PrintWriter err) {
    LoadProgress progress = new LoadProgress(spec.totalDocuments(), err);
    ParallelInserter inserter = new ParallelInserter(writers, batchSize, progress);
    insert(inserter, database, SourceCollections.USERS, spec.users(), data::user);
    insert(inserter, database, SourceCollections.PRODUCTS, spec.products(), data::product);
    double ordersStarted = progress.elapsedSeconds();
    insert(inserter, database, SourceCollections.ORDERS, spec.orders(), data::order);
    double seconds = progress.elapsedSeconds();
    String sharding = plan.skipped() ? "skipped: " + plan.skipReason() : "applied (" + plan.commands().size() + " commands)";
    return new LoadSummary(databaseName, spec, !plan.skipped(), sharding, seconds, seconds - ordersStarted);
  }

  private static void insert(ParallelInserter inserter, MongoDatabase database, String name, int count,
      IntFunction<BsonDocument> generator) {
    MongoCollection<RawBsonDocument> collection = database.getCollection(name, RawBsonDocument.class);
    inserter.insert(collection, count, generator);
  }

  /** The first round trip: an unreachable server fails here, within the client's selection timeout. */
  private static Topology probe(MongoDatabase admin, MongoSettings settings) {
    try {
      return Topology.probe(admin);
    } catch (MongoTimeoutException e) {
      throw new IllegalStateException("cannot reach MongoDB at " + Secrets.mask(settings.uri())
          + " (from --uri, --uri-file or $" + SettingKeys.URI_ENV + "): no server answered in time", e);
    }
  }

  private void clearOrRefuse(MongoDatabase database, PrintWriter err) {
    if (drop) {
      List<String> dropped = new ArrayList<>(SOURCE_COLLECTIONS);
      dropped.addAll(AnalyticsIndexes.INDEXES.keySet().stream().sorted().toList());
      // the analytics state of the shop being replaced: its history and the snapshot's as-of day
      // would otherwise outlive the data they describe
      dropped.addAll(List.of(AnalyticsIndexes.SEGMENT_HISTORY, LeaseStore.COLLECTION));
      dropped.forEach(name -> database.getCollection(name).drop());
      err.println("load: --drop: dropped " + String.join(", ", dropped));
      return;
    }
    List<String> filled = new ArrayList<>();
    for (String name : SOURCE_COLLECTIONS) {
      long count = database.getCollection(name).estimatedDocumentCount();
      if (count > 0) {
        filled.add(name + " (" + count + " documents)");
      }
    }
    if (!filled.isEmpty()) {
      throw new ConfigException("database " + database.getName() + " already holds " + String.join(", ", filled)
          + ": pass --drop to replace them (this drops users, products, orders and the analytics collections)");
    }
  }

  private static void requireBetween(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException(option + " must be between " + min + " and " + max + ", got " + value);
    }
  }

  /** Dates as YYYY-MM-DD, with a message that names the expected form. */
  static final class DateConverter implements CommandLine.ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a date of the form YYYY-MM-DD");
      }
    }
  }
}
