package io.shopanalytics.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.model.ReferenceSchemas;
import io.shopanalytics.common.sink.AnalyticsIndexes;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * The three analytics computed by DuckDB (in-process, JDBC) with the SQL of
 * {@code bench/duckdb-analytics.sql}, over the same validated orders as the suite, exported once to
 * Parquet. Line and order revenue are recomputed from quantity and unit price; only the BSON-level
 * validation (which orders are rejects, what a field's value is) is shared with the suite.
 */
final class DuckDbAnalytics implements AutoCloseable {
  static final String SCRIPT = "/bench/duckdb-analytics.sql";
  /** Result tables, one per output collection, each with the key columns and the document as {@code doc}. */
  static final Map<String, String> RESULT_TABLES = Map.of(
      AnalyticsIndexes.PRODUCT_ANALYTICS, "result_product_analytics",
      AnalyticsIndexes.SALES_ANALYTICS, "result_sales_analytics",
      AnalyticsIndexes.CUSTOMER_ANALYTICS, "result_customer_analytics");
  /** Sort keys of each collection's documents, in the order the comparison merges them: their unique keys. */
  static final Map<String, List<String>> KEYS = Map.of(
      AnalyticsIndexes.PRODUCT_ANALYTICS, AnalyticsIndexes.key(AnalyticsIndexes.PRODUCT_ANALYTICS),
      AnalyticsIndexes.SALES_ANALYTICS, AnalyticsIndexes.key(AnalyticsIndexes.SALES_ANALYTICS),
      AnalyticsIndexes.CUSTOMER_ANALYTICS, AnalyticsIndexes.key(AnalyticsIndexes.CUSTOMER_ANALYTICS));

  /** DuckDB's own memory (native, beside the driver's 2 GB heap and the stand-in's). */
  static final String MEMORY_LIMIT = "3GB";

  private final Connection connection;
  private final List<String> statements;

  private DuckDbAnalytics(Connection connection, List<String> statements) {
    this.connection = connection;
    this.statements = statements;
  }

  /**
   * Writes what DuckDB reads: validated orders (items without the suite's computed revenue),
   * products and users, as Parquet under {@code directory}.
   */
  static void export(Dataset<Row> validated, Dataset<Row> products, Dataset<Row> users, Path directory) {
    validated.select(
            col(OrderSchema.ORDER_ID), col(OrderSchema.USER_ID),
            expr("unix_millis(" + OrderSchema.CREATED_AT + ")").as("created_at_ms"),
            col(OrderSchema.STATUS), col(OrderSchema.PAYMENT_METHOD), col(OrderSchema.REJECT_REASON),
            expr("transform(items, i -> named_struct('product_id', i.product_id, 'sku', i.sku, 'name', i.name, "
                + "'category', i.category, 'quantity', i.quantity, 'unit_price', i.unit_price))").as("items"))
        .write().mode(SaveMode.Overwrite).parquet(directory.resolve("orders").toString());
    products.select(col(ReferenceSchemas.PRODUCT_ID).as("product_id"), col(ReferenceSchemas.PRODUCT_SKU).as("sku"),
            col(ReferenceSchemas.PRODUCT_NAME).as("name"), col(ReferenceSchemas.PRODUCT_CATEGORY).as("category"))
        .write().mode(SaveMode.Overwrite).parquet(directory.resolve("products").toString());
    users.select(col(ReferenceSchemas.USER_ID).as("user_id"), col(ReferenceSchemas.USER_EMAIL).as("email"))
        .write().mode(SaveMode.Overwrite).parquet(directory.resolve("users").toString());
  }

  /**
   * An in-memory DuckDB with the exported tables loaded (the counterpart of the suite's cached
   * orders), ready to run the analytics.
   *
   * @param threads DuckDB worker threads: the same number of cores Spark gets
   */
  static DuckDbAnalytics open(Path directory, int threads, List<Period> periods, AsOf asOf) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET threads = " + threads);
      // DuckDB's native memory is outside the JVM's heap and by default may take most of the machine,
      // crowding out the stand-in beside it at the largest size (docs/PERFORMANCE.md). Bounded, it spills.
      statement.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
      statement.execute("SET temp_directory = '" + directory.resolve("duckdb-spill").toString().replace("'", "''") + "'");
      for (String table : List.of("orders", "products", "users")) {
        statement.execute("CREATE TABLE " + table + " AS SELECT * FROM read_parquet('"
            + directory.resolve(table).resolve("*.parquet").toString().replace("'", "''") + "')");
      }
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return new DuckDbAnalytics(connection, statements(script(), periods, asOf));
  }

  /** The script's statements with the run's periods and as-of day filled in. */
  static List<String> statements(String script, List<Period> periods, AsOf asOf) {
    String periodStarts = periods.stream().map(p -> "DATE '" + p.id() + "-01'").collect(Collectors.joining(", "));
    String filled = script
        .replace("${period_starts}", periodStarts)
        .replace("${as_of_date}", asOf.date().toString())
        .replace("${as_of_start_ms}", Long.toString(asOf.start().toEpochMilli()))
        .replace("${as_of_end_ms}", Long.toString(asOf.endExclusive().toEpochMilli()));
    List<String> statements = new ArrayList<>();
    for (String part : filled.split("(?m)^;;\\s*$")) {
      String body = Arrays.stream(part.split("\n")).filter(line -> !line.trim().startsWith("--"))
          .collect(Collectors.joining("\n")).trim();
      if (!body.isEmpty()) {
        statements.add(body);
      }
    }
    return statements;
  }

  static String script() {
    try (InputStream in = DuckDbAnalytics.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Computes the three result tables (materialized in full, not written anywhere). */
  void run() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /** Rows in the result table of {@code collection}. */
  long count(String collection) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + RESULT_TABLES.get(collection))) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** The documents of {@code collection} as JSON, sorted by the collection's key; the caller closes the result. */
  ResultSet documents(String collection) throws SQLException {
    Statement statement = connection.createStatement();
    statement.closeOnCompletion();
    return statement.executeQuery("SELECT CAST(to_json(doc) AS VARCHAR) FROM " + RESULT_TABLES.get(collection)
        + " ORDER BY " + String.join(", ", KEYS.get(collection)));
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
