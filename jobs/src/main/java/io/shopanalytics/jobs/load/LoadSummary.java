package io.shopanalytics.jobs.load;

import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/** What a load did: one human line for stderr, one JSON line for stdout (for scripts and benchmarks). */
/** @param sharding "applied (n commands)" or "skipped: reason" */
record LoadSummary(String database, LoadSpec spec, boolean sharded, String sharding, double seconds, double orderSeconds) {
  private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

  double docsPerSecond() {
    return spec.totalDocuments() / Math.max(seconds, 1e-9);
  }

  double ordersPerSecond() {
    return spec.orders() / Math.max(orderSeconds, 1e-9);
  }

  String toJson() {
    return new Document("job", "load")
        .append("database", database)
        .append("users", spec.users())
        .append("products", spec.products())
        .append("orders", spec.orders())
        .append("seed", spec.seed())
        .append("from", spec.from().toString())
        .append("to", spec.to().toString())
        .append("sharding", sharding)
        .append("seconds", round(seconds))
        .append("docs_per_second", Math.round(docsPerSecond()))
        .append("orders_per_second", Math.round(ordersPerSecond()))
        .toJson(JSON);
  }

  String toText() {
    // the reason for skipped sharding was said once already; here it is only whether it happened
    return String.format("load: done in %.1f s: users %,d, products %,d, orders %,d into database %s, %s (%,.0f docs/s; orders %,.0f/s)",
        seconds, spec.users(), spec.products(), spec.orders(), database, sharded ? "sharded" : "unsharded",
        docsPerSecond(), ordersPerSecond());
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
