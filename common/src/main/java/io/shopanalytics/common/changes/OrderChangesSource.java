package io.shopanalytics.common.changes;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A Spark Structured Streaming source of the changes of {@code orders}: one row per change event
 * ({@link OrderChange#SCHEMA}), in micro-batches whose offsets are change stream positions, so that
 * Spark's own offset and commit logs decide what is read again after a restart.
 *
 * <pre>{@code
 * spark.readStream().format(OrderChangesSource.class.getName()).options(OrderChangesSource.register(spec)).load()
 * }</pre>
 */
public final class OrderChangesSource implements TableProvider {
  /** The option naming the registered {@link ChangeFeedSpec}. */
  static final String FEED = "feed";
  private static final Map<String, ChangeFeedSpec> FEEDS = new ConcurrentHashMap<>();

  /** Registers a stream's spec in this JVM; the options name it to the source. */
  public static Map<String, String> register(ChangeFeedSpec spec) {
    String id = UUID.randomUUID().toString();
    FEEDS.put(id, spec);
    return Map.of(FEED, id);
  }

  public static void unregister(Map<String, String> options) {
    FEEDS.remove(options.get(FEED));
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return OrderChange.SCHEMA;
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    ChangeFeedSpec spec = FEEDS.get(properties.get(FEED));
    if (spec == null) {
      throw new IllegalStateException("No change feed is registered under '" + properties.get(FEED)
          + "' in this JVM: register it with OrderChangesSource.register before starting the query");
    }
    return new OrderChangesTable(spec);
  }
}
