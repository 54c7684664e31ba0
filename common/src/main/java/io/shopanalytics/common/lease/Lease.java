package io.shopanalytics.common.lease;

import java.io.Serializable;

/**
 * A lease a run holds on one output scope ({@code product_analytics:2024-11}, {@code customer_analytics}).
 *
 * @param token the fencing token: incremented at every acquisition of the scope, so that a later
 *     holder's token is always greater; every document written under the lease carries it
 */
public record Lease(String scope, String owner, long token) implements Serializable {
  @Override
  public String toString() {
    return scope + " (run " + owner + ", token " + token + ")";
  }
}
