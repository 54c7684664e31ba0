package io.shopanalytics.common.lease;

import io.shopanalytics.common.config.LeaseSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * All the leases of one run, taken together, kept alive by a heartbeat, and released together.
 *
 * <p>All or nothing: the scopes are taken in sorted order, and at the first one held by another
 * run, those already taken are released and the whole set is tried again after a pause, until the
 * lock wait runs out. A waiting run therefore holds nothing (it cannot block a run that holds part
 * of what it wants, nor needs a heartbeat while it waits).
 *
 * <p>The heartbeat renews every lease each third of the lease's duration, matching owner and token.
 * A renewal that finds the lease taken over, or a lease that ran out before a renewal got through,
 * marks the set lost; the driver then stops at its next {@link #checkHeld}, and executors are
 * stopped by the token on every write whatever the driver knows.
 */
public final class RunLeases implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(RunLeases.class);
  private static final long FIRST_PAUSE_MILLIS = 250;
  private static final long MAX_PAUSE_MILLIS = 5_000;

  private final LeaseStore store;
  private final LeaseSettings settings;
  private final Clock clock;
  private final Map<String, Lease> held;
  private final ScheduledExecutorService heartbeat;
  private volatile Instant renewedUntil;
  private volatile String lost;

  private RunLeases(LeaseStore store, LeaseSettings settings, Clock clock, Map<String, Lease> held) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.held = held;
    this.renewedUntil = clock.instant().plus(settings.duration());
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "lease-heartbeat");
      thread.setDaemon(true);
      return thread;
    });
    long every = settings.heartbeat().toMillis();
    heartbeat.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * @param clock real time (never a test's fixed run clock): expiry is compared across runs
   * @throws LeaseBusyException when another run held one of the scopes for the whole lock wait
   */
  public static RunLeases acquire(LeaseStore store, Collection<String> scopes, String owner, LeaseSettings settings,
      Clock clock) throws InterruptedException, LeaseBusyException {
    Instant deadline = clock.instant().plus(settings.lockWait());
    for (int attempt = 0; ; attempt++) {
      Map<String, Lease> taken = new LinkedHashMap<>();
      String busy = null;
      for (String scope : new TreeSet<>(scopes)) {
        var lease = store.tryAcquire(scope, owner, clock.instant(), settings.duration());
        if (lease.isEmpty()) {
          busy = scope;
          break;
        }
        taken.put(scope, lease.get());
      }
      if (busy == null) {
        LOG.info("Run {} holds the leases {}", owner, taken.values());
        return new RunLeases(store, settings, clock, taken);
      }
      releaseAll(store, taken.values(), clock.instant());
      if (!clock.instant().isBefore(deadline)) {
        throw new LeaseBusyException("Another run holds " + busy + " (" + store.describeHolder(busy)
            + "): gave up after waiting " + settings.lockWait().toSeconds() + "s; retry later");
      }
      long pause = Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(attempt, 5));
      pause = Math.min(pause + ThreadLocalRandom.current().nextLong(FIRST_PAUSE_MILLIS),
          Math.max(1, deadline.toEpochMilli() - clock.millis()));
      LOG.info("Run {} waits for {} ({}), next try in {} ms", owner, busy, store.describeHolder(busy), pause);
      Thread.sleep(pause);
    }
  }

  public Lease lease(String scope) {
    Lease lease = held.get(scope);
    if (lease == null) {
      throw new IllegalArgumentException("No lease on " + scope + " in " + held.keySet());
    }
    return lease;
  }

  public Collection<Lease> all() {
    return List.copyOf(held.values());
  }

  public LeaseStore store() {
    return store;
  }

  /** Fails with {@link FencedException} once the heartbeat found a lease lost or let one run out. */
  public void checkHeld() {
    if (lost == null && clock.instant().isAfter(renewedUntil)) {
      lost = "not renewed since it ran out at " + renewedUntil;
    }
    if (lost != null) {
      throw new FencedException("Leases " + held.values() + " lost (" + lost + "): the run stops");
    }
  }

  private void renewAll() {
    Instant now = clock.instant();
    try {
      for (Lease lease : held.values()) {
        if (!store.renew(lease, now, settings.duration())) {
          lost = lease + " was taken over";
        }
      }
      if (lost == null) {
        renewedUntil = now.plus(settings.duration());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // Retries gave up: the lease runs out at renewedUntil unless a later heartbeat gets through
      LOG.warn("Renewing the leases {} failed: {}", held.values(), e.getMessage());
    }
  }

  /** Stops the heartbeat and frees the scopes; a release that fails is logged: the lease then runs out. */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      heartbeat.awaitTermination(10, TimeUnit.SECONDS);
      releaseAll(store, held.values(), clock.instant());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void releaseAll(LeaseStore store, Collection<Lease> leases, Instant now) throws InterruptedException {
    for (Lease lease : new ArrayList<>(leases)) {
      try {
        store.release(lease, now);
      } catch (RuntimeException e) {
        LOG.warn("Releasing the lease {} failed ({}); it runs out by itself", lease, e.getMessage());
      }
    }
  }
}
