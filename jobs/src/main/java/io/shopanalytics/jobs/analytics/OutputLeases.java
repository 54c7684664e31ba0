package io.shopanalytics.jobs.analytics;

import io.shopanalytics.common.lease.Lease;
import io.shopanalytics.common.lease.LeaseBusyException;
import io.shopanalytics.common.lease.LeaseStore;
import io.shopanalytics.common.lease.RunLeases;
import io.shopanalytics.common.lease.WriteFence;
import io.shopanalytics.common.run.RunContext;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.analytics.transform.OutputSchemas;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The leases of a run's outputs (docs/ARCHITECTURE.md, 8. Runs under a scheduler): one scope per output collection and month
 * ({@code product_analytics:2024-11}), one for the customer snapshot ({@code customer_analytics},
 * which also covers {@code customer_segment_history}). Null leases (the lease key turned off, for
 * measuring their cost) give unfenced writes.
 */
final class OutputLeases implements AutoCloseable {
  private final RunRequest request;
  private final RunLeases leases;

  private OutputLeases(RunRequest request, RunLeases leases) {
    this.request = request;
    this.leases = leases;
  }

  /** Waits for every scope of the request, up to its lock wait. */
  static OutputLeases acquire(RunRequest request, RunContext run, Clock clock)
      throws InterruptedException, LeaseBusyException {
    if (!request.leases().enabled()) {
      return new OutputLeases(request, null);
    }
    LeaseStore store = new LeaseStore(request.mongo());
    return new OutputLeases(request, RunLeases.acquire(store, scopes(request), run.runId(), request.leases(), clock));
  }

  static List<String> scopes(RunRequest request) {
    List<String> scopes = new ArrayList<>();
    for (AnalyticsOutput output : request.outputs()) {
      if (output.periodic()) {
        request.periods().forEach(period -> scopes.add(scope(output, period)));
      } else {
        scopes.add(output.collection());
      }
    }
    return scopes;
  }

  private static String scope(AnalyticsOutput output, Period period) {
    return output.collection() + ":" + period.id();
  }

  /** How the output's writes and sweep are guarded. */
  WriteFence fence(AnalyticsOutput output) {
    List<String> periods = request.periods().stream().map(Period::id).toList();
    if (leases == null) {
      return output.periodic() ? WriteFence.unfenced(OutputSchemas.PERIOD, periods) : WriteFence.unfenced(null, null);
    }
    if (!output.periodic()) {
      return WriteFence.leased(leases.store(), leases.lease(output.collection()));
    }
    Map<String, Lease> byPeriod = new LinkedHashMap<>();
    request.periods().forEach(period -> byPeriod.put(period.id(), leases.lease(scope(output, period))));
    return WriteFence.leased(leases.store(), OutputSchemas.PERIOD, byPeriod);
  }

  /**
   * Whether this run may write {@code customer_analytics}: not when the stored snapshot is as of a
   * later day, unless the request replaces it on purpose. When it may, the lease document records
   * the new as-of before any customer document is written, so that the stored claim never goes
   * back even if the run stops halfway (the next run with this as-of or a later one completes it).
   *
   * @return why the customer snapshot is skipped, or empty when it is written
   */
  Optional<String> customerSnapshotSkipped() throws InterruptedException {
    if (leases == null || !request.wants(AnalyticsOutput.CUSTOMER)) {
      return Optional.empty();
    }
    LocalDate mine = request.asOf().date();
    Lease lease = leases.lease(AnalyticsOutput.CUSTOMER.collection());
    Optional<LocalDate> stored = leases.store().snapshotAsOf(lease.scope());
    if (stored.isPresent() && stored.get().isAfter(mine) && !request.replaceNewerSnapshot()) {
      return Optional.of("stored snapshot as of " + stored.get() + " is newer than " + mine
          + " (--replace-newer-snapshot replaces it)");
    }
    leases.store().recordSnapshotAsOf(lease, mine);
    return Optional.empty();
  }

  /** Fails once a lease was found lost: the run stops before its next write. */
  void checkHeld() {
    if (leases != null) {
      leases.checkHeld();
    }
  }

  @Override
  public void close() {
    if (leases != null) {
      leases.close();
    }
  }
}
