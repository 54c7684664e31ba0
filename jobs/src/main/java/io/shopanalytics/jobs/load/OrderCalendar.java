package io.shopanalytics.jobs.load;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.SplittableRandom;

/**
 * When orders happen: a day drawn by weekday and season (November and December peak, Black Friday
 * and Cyber Monday spike, Christmas Day is quiet), then an hour by a daily rhythm (quiet at night,
 * busiest in the evening). All in UTC.
 */
final class OrderCalendar {
  private static final double[] MONTH = {
    0.85, 0.80, 0.90, 0.90, 0.95, 0.95, 1.05, 0.95, 0.90, 1.00, 1.55, 1.75
  };
  /** Monday first; weekends are busier online. */
  private static final double[] WEEKDAY = {1.00, 0.95, 0.95, 1.00, 1.05, 1.15, 1.20};
  private static final double[] HOUR = {
    0.35, 0.20, 0.12, 0.10, 0.10, 0.15, 0.30, 0.55, 0.80, 0.95, 1.00, 1.05,
    1.15, 1.10, 1.00, 1.00, 1.05, 1.15, 1.30, 1.50, 1.60, 1.45, 1.05, 0.65
  };
  private static final long HOUR_MILLIS = 3_600_000L;
  private static final long DAY_MILLIS = 24 * HOUR_MILLIS;

  private final LocalDate firstDay;
  private final WeightedSampler days;
  private final WeightedSampler hours = new WeightedSampler(HOUR);

  OrderCalendar(LocalDate from, LocalDate to) {
    firstDay = from;
    int count = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
    double[] weights = new double[count];
    for (int d = 0; d < count; d++) {
      weights[d] = dayWeight(from.plusDays(d));
    }
    days = new WeightedSampler(weights);
  }

  static double dayWeight(LocalDate day) {
    double weight = MONTH[day.getMonthValue() - 1] * WEEKDAY[day.getDayOfWeek().getValue() - 1];
    LocalDate blackFriday = day.withMonth(Month.NOVEMBER.getValue())
        .with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY)).plusDays(1);
    if (day.equals(blackFriday) || day.equals(blackFriday.plusDays(3))) {
      weight *= 2.5;
    }
    if (day.getMonth() == Month.DECEMBER && day.getDayOfMonth() == 25) {
      weight *= 0.5;
    }
    return weight;
  }

  long pick(SplittableRandom random) {
    long dayStart = firstDay.plusDays(days.pick(random)).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    return dayStart + hours.pick(random) * HOUR_MILLIS + random.nextLong(HOUR_MILLIS);
  }

  static long days(double count) {
    return (long) (count * DAY_MILLIS);
  }
}
