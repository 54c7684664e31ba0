package io.shopanalytics.common.lease;

import com.mongodb.client.model.Filters;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What guards one output's writes and its sweep of stale documents.
 *
 * <p>Under leases ({@link #leased}), each document carries its scope's token in {@link #TOKEN}; its
 * upsert matches only a stored document whose token is absent or not greater than its own, so an
 * older holder can never overwrite what a newer one wrote (the upsert then collides with the unique
 * key instead, and the writer's check before retrying finds the lease lost); each batch first
 * checks that the leases it writes under are still held; and the sweep removes the scope's
 * documents whose token is below the run's, never those of a newer holder.
 *
 * <p>Without leases ({@link #unfenced}, for measuring their cost only) the sweep removes the
 * scope's documents older than the run's time, as before leases existed.
 */
public final class WriteFence implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Field of every analytics document written under a lease: the token of its scope's lease. */
  public static final String TOKEN = "lease_token";
  private static final String UPDATED_AT = "updated_at";
  private static final String WHOLE = "";

  private final LeaseStore store;
  private final String scopeField;
  private final Map<String, Lease> leases;
  private final List<String> scopeValues;
  private final boolean sweep;

  private WriteFence(LeaseStore store, String scopeField, Map<String, Lease> leases, List<String> scopeValues,
      boolean sweep) {
    this.store = store;
    this.scopeField = scopeField;
    this.leases = leases == null ? null : Map.copyOf(leases);
    this.scopeValues = scopeValues == null ? null : List.copyOf(scopeValues);
    this.sweep = sweep;
  }

  /**
   * @param scopeField the field that says which lease a document falls under ({@code period}), or
   *     null when one lease covers the whole collection
   * @param byValue the lease of each value of that field (the one lease under key {@code ""} when
   *     {@code scopeField} is null)
   */
  public static WriteFence leased(LeaseStore store, String scopeField, Map<String, Lease> byValue) {
    return new WriteFence(store, scopeField, byValue, null, true);
  }

  /** One lease for the whole collection. */
  public static WriteFence leased(LeaseStore store, Lease lease) {
    return leased(store, null, Map.of(WHOLE, lease));
  }

  /** No lease; the sweep removes documents of the scope ({@code scopeField in values}, or all) older than the run. */
  public static WriteFence unfenced(String scopeField, List<String> values) {
    return new WriteFence(null, scopeField, null, values, true);
  }

  /** No lease and no sweep (the rejects, keyed by order, accumulate). */
  public static WriteFence none() {
    return new WriteFence(null, null, null, null, false);
  }

  public boolean fenced() {
    return store != null;
  }

  /**
   * The upsert filter of a document: its key, and under a lease a stored token not above its own,
   * which it adds to {@code fields}.
   */
  public Bson guard(Document key, Document fields) {
    if (!fenced()) {
      return key;
    }
    long token = token(scopeField == null ? null : fields.get(scopeField, key.get(scopeField)));
    fields.append(TOKEN, token);
    return guard(key, token);
  }

  /** The token documents of a scope value are written with (the key's value of {@link #scopeField()}); fenced only. */
  public long token(Object scopeValue) {
    return leaseOf(scopeValue).token();
  }

  /** The upsert filter of a key written with {@code token}: the key, and a stored token not above it. */
  public Bson guard(Document key, long token) {
    // one flat document, the key's equalities beside the token's condition, rather than an $and:
    // the key's unique index then finds the one document on any server, the embedded one included
    Document guarded = new Document(key);
    guarded.append(TOKEN, new Document("$not", new Document("$gt", token)));
    return guarded;
  }

  /** The field that names a document's scope, or null when one lease covers the collection. */
  public String scopeField() {
    return scopeField;
  }

  /** Fails with {@link FencedException} unless the leases of these documents' scopes are still held. */
  public void verify(Collection<Document> documents) throws InterruptedException {
    if (!fenced()) {
      return;
    }
    Set<Lease> involved = new java.util.HashSet<>();
    for (Document document : documents) {
      involved.add(leaseOf(scopeField == null ? null : document.get(scopeField)));
    }
    store.verify(involved);
  }

  /** Checks every lease of the fence, on the driver (before the sweep). */
  public void verifyAll() throws InterruptedException {
    if (fenced()) {
      store.verify(leases.values());
    }
  }

  /** The documents the sweep removes, or null for no sweep. */
  public Bson stale(Date runTime) {
    if (!sweep) {
      return null;
    }
    if (!fenced()) {
      Bson older = Filters.lt(UPDATED_AT, runTime);
      return scopeField == null ? older : Filters.and(Filters.in(scopeField, scopeValues), older);
    }
    List<Bson> perScope = new ArrayList<>();
    leases.forEach((value, lease) -> {
      Bson older = Filters.or(Filters.exists(TOKEN, false), Filters.lt(TOKEN, lease.token()));
      perScope.add(scopeField == null ? older : Filters.and(Filters.eq(scopeField, value), older));
    });
    return perScope.size() == 1 ? perScope.get(0) : Filters.or(perScope);
  }

  /** The output's documents this run's scope covers (for counting what it inserted), or null for all. */
  public Bson scope() {
    if (scopeField == null) {
      return null;
    }
    return Filters.in(scopeField, fenced() ? List.copyOf(leases.keySet()) : scopeValues);
  }

  private Lease leaseOf(Object scopeValue) {
    Lease lease = leases.get(scopeField == null ? WHOLE : String.valueOf(scopeValue));
    if (lease == null) {
      throw new IllegalStateException("No lease covers " + scopeField + "=" + scopeValue + " (leases "
          + leases.values() + ")");
    }
    return lease;
  }
}
