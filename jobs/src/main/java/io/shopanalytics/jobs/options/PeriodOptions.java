package io.shopanalytics.jobs.options;

import io.shopanalytics.common.config.ConfigException;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** Which months (product, sales) and which as-of day (customers) a run covers. */
public final class PeriodOptions {
  @Option(names = "--period", paramLabel = "YYYY-MM",
      description = "One month to compute. Default: the month of --as-of (month to date).")
  String period;

  @Option(names = "--from", paramLabel = "YYYY-MM", description = "First month of a range (backfill), with --to.")
  String from;

  @Option(names = "--to", paramLabel = "YYYY-MM", description = "Last month of a range, included, with --from.")
  String to;

  @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
      description = "Customer analytics count orders created on or before this UTC day. Default: yesterday (UTC).")
  String asOf;

  public AsOf asOf(Clock clock) {
    return asOf == null ? AsOf.yesterday(clock) : option(() -> AsOf.parse(asOf));
  }

  public boolean periodGiven() {
    return period != null || from != null || to != null;
  }

  public List<Period> periods(Clock clock) {
    if (period != null && (from != null || to != null)) {
      throw new ConfigException("Give either --period or --from/--to, not both");
    }
    if (period != null) {
      return List.of(option(() -> Period.parse(period)));
    }
    if (from != null || to != null) {
      if (from == null || to == null) {
        throw new ConfigException("--from and --to go together (got " + (from == null ? "--to " + to : "--from " + from) + ")");
      }
      return option(() -> Period.range(Period.parse(from), Period.parse(to)));
    }
    return List.of(Period.of(java.time.YearMonth.from(asOf(clock).date())));
  }

  /** A value parsed from an option: a malformed one is the user's invalid option. */
  private static <T> T option(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }
}
