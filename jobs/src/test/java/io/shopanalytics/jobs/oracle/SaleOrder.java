package io.shopanalytics.jobs.oracle;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A valid order whose status is a sale. Identity matters: "distinct orders" are distinct instances
 * of this class (equals is not overridden), so two lines of one order count the order once.
 */
final class SaleOrder {
  private final Object id;
  private final Object userId;
  private final Instant createdAt;
  private final String status;
  private final String paymentMethod;
  private final List<SaleLine> lines = new ArrayList<>();

  SaleOrder(Object id, Object userId, Instant createdAt, String status, String paymentMethod) {
    this.id = id;
    this.userId = userId;
    this.createdAt = createdAt;
    this.status = status;
    this.paymentMethod = paymentMethod;
  }

  void addLine(SaleLine line) {
    lines.add(line);
  }

  Object id() {
    return id;
  }

  Object userId() {
    return userId;
  }

  Instant createdAt() {
    return createdAt;
  }

  /** docs/CONTRACT.md, "Time": days are UTC. */
  LocalDate utcDate() {
    return LocalDate.ofInstant(createdAt, ZoneOffset.UTC);
  }

  String status() {
    return status;
  }

  boolean isReturned() {
    return "returned".equals(status);
  }

  String paymentMethod() {
    return paymentMethod;
  }

  List<SaleLine> lines() {
    return Collections.unmodifiableList(lines);
  }

  /** Merchandise revenue: the exact sum of the line revenues (tax, shipping, totals ignored). */
  BigDecimal revenue() {
    BigDecimal sum = BigDecimal.ZERO;
    for (SaleLine line : lines) {
      sum = sum.add(line.revenue());
    }
    return sum;
  }

  long quantity() {
    long sum = 0;
    for (SaleLine line : lines) {
      sum = Math.addExact(sum, line.quantity());
    }
    return sum;
  }

  /**
   * Whether this order is more recent than {@code other} for "latest sale line" look-ups: greater
   * created_at, ties by greater order _id (hex order).
   */
  boolean isLaterThan(SaleOrder other) {
    int byTime = createdAt.compareTo(other.createdAt);
    if (byTime != 0) {
      return byTime > 0;
    }
    return ReferenceIds.sortKey(id).compareTo(ReferenceIds.sortKey(other.id)) > 0;
  }
}
