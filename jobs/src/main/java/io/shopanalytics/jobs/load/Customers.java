package io.shopanalytics.jobs.load;

import io.shopanalytics.jobs.load.DocumentRandom.Stream;
import io.shopanalytics.jobs.load.People.City;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.bson.types.ObjectId;

/**
 * The users and who buys how often. Users sign up over the two years before the order window and
 * during it, in index order, so an order only picks users who exist at its time. Activity is
 * heavy-tailed: a fifth never buy, most buy once or twice, a few come back dozens of times.
 */
final class Customers {
  record Address(String type, String street, City city, String postalCode, boolean isDefault) {}

  /** What an order copies from its customer; regenerated on demand from (seed, index). */
  record Profile(int index, ObjectId id, String email, String firstName, String lastName, String phone,
      List<Address> addresses, long createdAt) {}

  static final double NEVER_BUYS = 0.20;
  /** Pareto tail of purchase frequency, capped so that nobody buys absurdly often. */
  static final double ACTIVITY_ALPHA = 1.0;
  static final double ACTIVITY_CAP = 100;
  private static final List<String> ADDRESS_TYPES = List.of("home", "work", "other");

  private final LoadSpec spec;
  private final long[] createdAt;
  private final WeightedSampler activity;

  Customers(LoadSpec spec) {
    this.spec = spec;
    int n = spec.users();
    long first = spec.windowStart().minus(Duration.ofDays(730)).toEpochMilli();
    long span = spec.windowEnd().toEpochMilli() - first;
    createdAt = new long[n];
    double[] weights = new double[n];
    SplittableRandom random = DocumentRandom.of(spec.seed(), Stream.CUSTOMERS, 0);
    for (int i = 0; i < n; i++) {
      // i + jitter keeps sign-up times increasing with the index, which pickAt relies on
      double position = i == 0 ? 0 : i + random.nextDouble();
      createdAt[i] = first + (long) (span * (position / n));
      weights[i] = random.nextDouble() < NEVER_BUYS
          ? 0 : Math.min(ACTIVITY_CAP, Math.pow(1 - random.nextDouble(), -1 / ACTIVITY_ALPHA));
    }
    activity = new WeightedSampler(weights);
  }

  /** A customer who had signed up by {@code atMillis}, by activity. */
  int pickAt(SplittableRandom random, long atMillis) {
    int signedUp = upperBound(atMillis);
    return activity.pickBelow(random, Math.max(1, signedUp));
  }

  private int upperBound(long atMillis) {
    int low = 0;
    int high = createdAt.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (createdAt[middle] <= atMillis) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  Profile profile(int index) {
    SplittableRandom random = DocumentRandom.of(spec.seed(), Stream.USERS, index);
    String first = DocumentRandom.pick(random, People.FIRST_NAMES);
    String last = DocumentRandom.pick(random, People.LAST_NAMES);
    // the index makes the address unique however often a name repeats
    String email = (first + "." + last).toLowerCase(Locale.ROOT).replace(' ', '-') + "." + (index + 1) + "@"
        + DocumentRandom.pick(random, People.EMAIL_DOMAINS);
    String phone = "+1" + Digits.padded(201 + random.nextInt(780), 3) + Digits.padded(200 + random.nextInt(800), 3)
        + Digits.padded(random.nextInt(10_000), 4);
    int addressCount = 1 + (random.nextDouble() < 0.3 ? 1 + random.nextInt(2) : 0);
    List<Address> addresses = new ArrayList<>(addressCount);
    for (int a = 0; a < addressCount; a++) {
      City city = DocumentRandom.pick(random, People.CITIES);
      String street = (1 + random.nextInt(9_899)) + " " + DocumentRandom.pick(random, People.STREETS);
      String postalCode = city.postalPrefix() + Digits.padded(random.nextInt(100), 2);
      addresses.add(new Address(ADDRESS_TYPES.get(a), street, city, postalCode, a == 0));
    }
    ObjectId id = DocumentRandom.objectId(createdAt[index], Stream.USERS, random, index);
    return new Profile(index, id, email, first, last, phone, List.copyOf(addresses), createdAt[index]);
  }
}
