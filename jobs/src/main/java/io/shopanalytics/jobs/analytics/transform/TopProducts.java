package io.shopanalytics.jobs.analytics.transform;

import io.shopanalytics.common.money.Cents;
import java.io.Serializable;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;

/**
 * A month's top products (docs/CONTRACT.md, 9): by stored revenue descending, then product id. Each
 * task that adds up products keeps its own first hundred of each month, and the month's first
 * hundred are among those.
 */
final class TopProducts {
  static final int SIZE = 100;

  private TopProducts() {}

  /** A product's month, as ranked and as stored in {@code top_products}. */
  record Candidate(String productId, String sku, String name, long quantitySold, Cents revenue)
      implements Serializable {
    static final Comparator<Candidate> ORDER = Comparator.comparing(Candidate::revenue).reversed()
        .thenComparing(Candidate::productId, TextOrder.ASCENDING);

    /** A row of {@link OutputSchemas#TOP_PRODUCT}. */
    Row toRow() {
      return new GenericRowWithSchema(new Object[] {productId, sku, name, quantitySold, revenue.toDecimal()},
          OutputSchemas.TOP_PRODUCT);
    }

    static Candidate of(Row row) {
      return new Candidate(row.getString(0), row.getString(1), row.getString(2), row.getLong(3),
          Cents.ofStored(row.getDecimal(4)));
    }
  }

  static List<Candidate> first(Collection<Candidate> candidates) {
    return TopN.of(candidates, Candidate.ORDER, SIZE);
  }
}
