package io.shopanalytics.jobs.testdata;

import static io.shopanalytics.jobs.testdata.TestOrders.dec;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;

/** The random values of {@link RandomShopData}, drawn from small palettes so that totals tie often. */
final class RandomValues {
  /**
   * Valid unit prices of every BSON number type. Doubles include the rounding traps: 2.675 and
   * 1.005 are below the half cent in binary but exactly half a cent as shortest decimals; 0.1 x 3
   * is 0.30000000000000004 in binary arithmetic. Decimal128 includes more than 2 decimals,
   * trailing zeros ("19.990"), an exponent ("7.5E+1"), zero and negative zero (valid: not < 0).
   */
  private static final List<Object> PRICES = List.of(
      0.1, 0.2, 0.3, 0.125, 0.135, 0.005, 1.005, 2.675, 9.99, 19.99, 5.0, 10.0, 99.95, 0.01, 1234.56, -0.0,
      dec("12.345"), dec("0.0001"), dec("0"), dec("-0"), dec("19.990"), dec("7.5E+1"), dec("100.005"),
      dec("33.333333"), dec("25.00"),
      0, 5, 20, 15L, 1000L);

  static final List<String> CATEGORIES = List.of("Electronics", "Home", "Fashion", "Books", "Toys");
  static final List<String> PAYMENT_METHODS =
      List.of("credit_card", "debit_card", "paypal", "apple_pay", "bank_transfer");

  private final Random random;
  private final Set<ObjectId> issuedIds = new HashSet<>();

  RandomValues(Random random) {
    this.random = random;
  }

  Random random() {
    return random;
  }

  /** A fresh ObjectId from the seeded random source, never the same twice in one data set. */
  ObjectId objectId() {
    byte[] bytes = new byte[12];
    ObjectId id;
    do {
      random.nextBytes(bytes);
      id = new ObjectId(bytes);
    } while (!issuedIds.add(id));
    return id;
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** An index in [0, size) that favours small indices: a few hot products, a few heavy buyers. */
  int skewedIndex(int size) {
    double r = random.nextDouble();
    return (int) (size * r * r);
  }

  Object price() {
    return pick(PRICES);
  }

  /** Valid quantities of every BSON number type, whole doubles and scaled decimals included. */
  Object quantity() {
    int roll = random.nextInt(100);
    if (roll < 45) {
      return 1;
    }
    if (roll < 65) {
      return 2 + random.nextInt(2);
    }
    if (roll < 75) {
      return (long) (1 + random.nextInt(4));
    }
    if (roll < 85) {
      return random.nextBoolean() ? 2.0 : 1.0;
    }
    if (roll < 95) {
      return random.nextBoolean() ? dec("2") : dec("3.00");
    }
    return 12;
  }

  /** payment: the 5 normal methods mostly, and every shape that means "unknown". */
  void putPayment(Document order) {
    int roll = random.nextInt(100);
    if (roll < 70) {
      order.put("payment", new Document("method", pick(PAYMENT_METHODS)));
    } else if (roll < 76) {
      order.remove("payment");
    } else if (roll < 82) {
      order.put("payment", new Document("provider", "stripe"));
    } else if (roll < 87) {
      order.put("payment", new Document("method", ""));
    } else if (roll < 91) {
      order.put("payment", new Document("method", 42));
    } else if (roll < 94) {
      order.put("payment", new Document("method", null));
    } else if (roll < 97) {
      order.put("payment", "card");
    } else {
      order.put("payment", new Document("method", "unknown"));
    }
  }

  /** A status, sales and non-sales alike. */
  String status() {
    int roll = random.nextInt(100);
    if (roll < 35) {
      return "delivered";
    }
    if (roll < 50) {
      return "shipped";
    }
    if (roll < 60) {
      return "processing";
    }
    if (roll < 70) {
      return "returned";
    }
    return roll < 85 ? "pending" : "cancelled";
  }

  /**
   * Mostly inside the three generated periods (including the days after as_of), some older
   * (2024-06, counted by customers only), some after every scope (2025-01, not read at all).
   */
  Date createdAt() {
    int roll = random.nextInt(100);
    if (roll < 85) {
      return randomInstantIn(RandomShopData.FIRST_DAY, RandomShopData.LAST_DAY);
    }
    if (roll < 93) {
      return randomInstantIn(LocalDate.of(2024, 6, 1), LocalDate.of(2024, 6, 30));
    }
    return randomInstantIn(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 31));
  }

  /** A uniformly random millisecond of the days from {@code first} to {@code last}, both included. */
  Date randomInstantIn(LocalDate first, LocalDate last) {
    long days = ChronoUnit.DAYS.between(first, last) + 1;
    Instant dayStart = first.plusDays(random.nextInt((int) days)).atStartOfDay(ZoneOffset.UTC).toInstant();
    return Date.from(dayStart.plusMillis(random.nextInt(86_400_000)));
  }
}
