package io.shopanalytics.jobs.oracle;

import java.util.Comparator;
import org.bson.types.ObjectId;

/**
 * The order of identifiers in tie-breaks ("user_id ascending (hex order)", "product_id
 * ascending"): the 24-character lowercase hex string of an ObjectId.
 *
 * <p>The contract only has ObjectId ids. For any other id type (out of contract) the reference
 * falls back to {@code String.valueOf(id)}, so that it still produces a deterministic answer.
 */
final class ReferenceIds {
  static final Comparator<Object> ASCENDING = Comparator.comparing(ReferenceIds::sortKey);

  private ReferenceIds() {}

  static String sortKey(Object id) {
    return id instanceof ObjectId oid ? oid.toHexString() : String.valueOf(id);
  }
}
