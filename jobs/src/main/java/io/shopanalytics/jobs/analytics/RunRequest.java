package io.shopanalytics.jobs.analytics;

import io.shopanalytics.common.config.LeaseSettings;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.config.ReadSettings;
import io.shopanalytics.common.source.ReadScope;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What one analytics run is asked to do, fixed before it starts: the outputs, their months and
 * as-of day, the mode, and where and how to read and write. Options are validated by the command
 * that builds it; what is checked here are the invariants the run relies on.
 *
 * @param periods the months of product and sales analytics; empty in an incremental request until
 *     {@link #withDirtyMonths} fills them
 * @param mode where the months come from, and whether the orders read are marked processed
 * @param leases how the run takes the leases of its output scopes (docs/ARCHITECTURE.md, 8. Runs under a scheduler)
 * @param replaceNewerSnapshot write customer_analytics even when the stored snapshot's as-of is newer
 */
public record RunRequest(Set<AnalyticsOutput> outputs, List<Period> periods, AsOf asOf, RunMode mode,
    boolean dryRun, MongoSettings mongo, ReadSettings read, LeaseSettings leases, boolean replaceNewerSnapshot) {

  public RunRequest {
    outputs = outputs.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(outputs));
    periods = List.copyOf(periods);
    if (outputs.isEmpty()) {
      throw new IllegalArgumentException("A run needs at least one output");
    }
    if (outputs.contains(AnalyticsOutput.CUSTOMER) && asOf == null) {
      throw new IllegalArgumentException("Customer analytics need an as-of date");
    }
    if (!mode.findsDirtyMonths() && periods.isEmpty() && outputs.stream().anyMatch(AnalyticsOutput::periodic)) {
      throw new IllegalArgumentException("Product and sales analytics need at least one period");
    }
  }

  public static Builder builder(MongoSettings mongo) {
    return new Builder(mongo);
  }

  /** {@code all} when every output is asked for, else the one output's job. */
  public String job() {
    return outputs.size() == AnalyticsOutput.values().length ? "all" : outputs.iterator().next().jobName();
  }

  public boolean wants(AnalyticsOutput output) {
    return outputs.contains(output);
  }

  /** Whether the run finds its months itself, from the orders not yet processed. */
  public boolean incremental() {
    return mode.findsDirtyMonths();
  }

  /**
   * The incremental request resolved: product and sales analytics for the months holding unprocessed
   * orders; with none, customer analytics alone.
   */
  public RunRequest withDirtyMonths(List<Period> months) {
    Set<AnalyticsOutput> remaining = EnumSet.copyOf(outputs);
    if (months.isEmpty()) {
      remaining.removeIf(AnalyticsOutput::periodic);
    }
    return new RunRequest(remaining, months, asOf, mode, dryRun, mongo, read, leases, replaceNewerSnapshot);
  }

  /** The orders every output needs, read once: the months' orders and/or all history up to as-of. */
  public ReadScope scope() {
    Instant from = null;
    Instant until = null;
    if (outputs.stream().anyMatch(AnalyticsOutput::periodic) && !periods.isEmpty()) {
      from = periods.stream().map(Period::start).min(Instant::compareTo).orElseThrow();
      until = periods.stream().map(Period::nextStart).max(Instant::compareTo).orElseThrow();
    }
    if (outputs.contains(AnalyticsOutput.CUSTOMER)) {
      from = null;
      until = until == null || asOf.endExclusive().isAfter(until) ? asOf.endExclusive() : until;
    }
    return ReadScope.between(from, until);
  }

  /** How the Spark UI names an output's scope: {@code period=2024-11}, {@code periods=..}, {@code as_of=...}. */
  public String scopeLabel(AnalyticsOutput output) {
    if (!output.periodic()) {
      return "as_of=" + asOf;
    }
    return periods.size() == 1 ? "period=" + periods.get(0)
        : "periods=" + periods.get(0) + ".." + periods.get(periods.size() - 1);
  }

  /** Builds a request; unset values take those of a full {@code all} run with default read settings. */
  public static final class Builder {
    private final MongoSettings mongo;
    private Set<AnalyticsOutput> outputs = EnumSet.allOf(AnalyticsOutput.class);
    private List<Period> periods = List.of();
    private AsOf asOf;
    private RunMode mode = RunMode.FULL;
    private boolean dryRun;
    private ReadSettings read = ReadSettings.defaults();
    private LeaseSettings leases = LeaseSettings.defaults();
    private boolean replaceNewerSnapshot;

    private Builder(MongoSettings mongo) {
      this.mongo = mongo;
    }

    public Builder outputs(Set<AnalyticsOutput> value) {
      this.outputs = value;
      return this;
    }

    public Builder periods(List<Period> value) {
      this.periods = value;
      return this;
    }

    public Builder asOf(AsOf value) {
      this.asOf = value;
      return this;
    }

    /** Months found by the run itself: those holding orders not yet analytics_processed. */
    public Builder incremental(boolean value) {
      return mode(value ? RunMode.INCREMENTAL : RunMode.FULL);
    }

    public Builder mode(RunMode value) {
      this.mode = value;
      return this;
    }

    public Builder dryRun(boolean value) {
      this.dryRun = value;
      return this;
    }

    public Builder read(ReadSettings value) {
      this.read = value;
      return this;
    }

    public Builder leases(LeaseSettings value) {
      this.leases = value;
      return this;
    }

    /** Lets an older as-of replace a newer stored customer snapshot (going back on purpose). */
    public Builder replaceNewerSnapshot(boolean value) {
      this.replaceNewerSnapshot = value;
      return this;
    }

    public RunRequest build() {
      return new RunRequest(outputs, periods, asOf, mode, dryRun, mongo, read, leases, replaceNewerSnapshot);
    }
  }
}
