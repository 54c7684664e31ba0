package io.shopanalytics.common.lease;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.mongo.MongoClientCache;
import io.shopanalytics.common.sink.Retries;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code analytics_leases} collection: one document per output scope, kept forever (its token
 * only grows; deleting it would let a new holder start again below the tokens stored in the
 * analytics documents, whose writes would then all be fenced). Every operation goes to the primary
 * with the configured write concern, and is retried after transient errors like any other write.
 * Serializable: executors verify their lease through it before each bulk write.
 */
public final class LeaseStore implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String COLLECTION = "analytics_leases";
  static final String OWNER = "owner";
  static final String TOKEN = "token";
  static final String EXPIRES_AT = "expires_at";
  static final String HEARTBEAT_AT = "heartbeat_at";
  static final String ACQUIRED_AT = "acquired_at";
  /** On the customer scope: the as-of day of the stored customer snapshot. */
  static final String SNAPSHOT_AS_OF = "snapshot_as_of";

  private final MongoSettings settings;

  public LeaseStore(MongoSettings settings) {
    this.settings = settings;
  }

  private MongoCollection<Document> leases() {
    return MongoClientCache.get(settings.writeUri()).getDatabase(settings.database()).getCollection(COLLECTION)
        .withWriteConcern(settings.writeConcernObject());
  }

  private String namespace() {
    return settings.database() + "." + COLLECTION;
  }

  /**
   * Takes the scope if no run holds it, its holder's lease expired, or it is already {@code owner}'s
   * (a retried acquisition whose answer was lost), in one atomic findOneAndUpdate that increments
   * the token. Empty when another run holds it: the filter does not match, and the upsert then
   * collides with the existing document's {@code _id}.
   */
  public Optional<Lease> tryAcquire(String scope, String owner, Instant now, Duration duration)
      throws InterruptedException {
    Bson takeable = Filters.and(Filters.eq("_id", scope), Filters.or(Filters.eq(OWNER, null),
        Filters.lte(EXPIRES_AT, Date.from(now)), Filters.eq(OWNER, owner)));
    Bson take = Updates.combine(Updates.set(OWNER, owner), Updates.inc(TOKEN, 1L),
        Updates.set(ACQUIRED_AT, Date.from(now)), Updates.set(HEARTBEAT_AT, Date.from(now)),
        Updates.set(EXPIRES_AT, Date.from(now.plus(duration))));
    Document taken = Retries.run("taking the lease " + scope + " in " + namespace(), settings.writeMaxRetries(), () -> {
      try {
        return leases().findOneAndUpdate(takeable, take,
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
      } catch (MongoException e) {
        if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
          return null;
        }
        throw e;
      }
    });
    return taken == null ? Optional.empty() : Optional.of(new Lease(scope, owner, taken.getLong(TOKEN)));
  }

  /** Who holds the scope, for the busy message: {@code run X until T}. */
  public String describeHolder(String scope) throws InterruptedException {
    Document lease = find(List.of(scope)).get(scope);
    return lease == null ? "nobody" : "run " + lease.get(OWNER) + " until " + lease.get(EXPIRES_AT, Date.class).toInstant();
  }

  /** Extends the lease if it is still this owner's with this token; false when it was taken over. */
  public boolean renew(Lease lease, Instant now, Duration duration) throws InterruptedException {
    Bson extend = Updates.combine(Updates.set(HEARTBEAT_AT, Date.from(now)),
        Updates.set(EXPIRES_AT, Date.from(now.plus(duration))));
    return Retries.run("renewing the lease " + lease.scope() + " in " + namespace(), settings.writeMaxRetries(),
        () -> leases().updateOne(held(lease), extend).getMatchedCount() == 1);
  }

  /** Frees the scope for the next run at once (the token stays, and grows at the next acquisition). */
  public void release(Lease lease, Instant now) throws InterruptedException {
    Bson free = Updates.combine(Updates.set(OWNER, null), Updates.set(EXPIRES_AT, Date.from(now)));
    Retries.run("releasing the lease " + lease.scope() + " in " + namespace(), settings.writeMaxRetries(),
        () -> leases().updateOne(held(lease), free).getMatchedCount());
  }

  /** Fails with {@link FencedException} unless every lease is still held by its owner with its token. */
  public void verify(Collection<Lease> held) throws InterruptedException {
    Map<String, Document> stored = find(held.stream().map(Lease::scope).toList());
    for (Lease lease : held) {
      Document now = stored.get(lease.scope());
      if (now == null || !lease.owner().equals(now.get(OWNER)) || now.getLong(TOKEN) != lease.token()) {
        throw new FencedException("Lease " + lease + (now == null || now.get(OWNER) == null
            ? " is no longer held" : " was taken over by run " + now.get(OWNER) + " (token " + now.get(TOKEN) + ")")
            + ": this run stops writing, the newer run's documents stand");
      }
    }
  }

  /** The as-of day of the stored customer snapshot, if any run recorded one. */
  public Optional<LocalDate> snapshotAsOf(String scope) throws InterruptedException {
    Document lease = find(List.of(scope)).get(scope);
    return Optional.ofNullable(lease == null ? null : lease.getString(SNAPSHOT_AS_OF)).map(LocalDate::parse);
  }

  /** Records the snapshot's as-of day, under the lease (fenced). */
  public void recordSnapshotAsOf(Lease lease, LocalDate asOf) throws InterruptedException {
    long matched = Retries.run("recording the snapshot's as-of in " + namespace(), settings.writeMaxRetries(),
        () -> leases().updateOne(held(lease), Updates.set(SNAPSHOT_AS_OF, asOf.toString())).getMatchedCount());
    if (matched == 0) {
      verify(List.of(lease));
    }
  }

  private static Bson held(Lease lease) {
    return Filters.and(Filters.eq("_id", lease.scope()), Filters.eq(OWNER, lease.owner()),
        Filters.eq(TOKEN, lease.token()));
  }

  private Map<String, Document> find(List<String> scopes) throws InterruptedException {
    List<Document> found = Retries.run("reading the leases in " + namespace(), settings.writeMaxRetries(),
        () -> leases().find(Filters.in("_id", scopes)).into(new ArrayList<>()));
    Map<String, Document> byScope = new HashMap<>();
    found.forEach(lease -> byScope.put(lease.getString("_id"), lease));
    return byScope;
  }
}
