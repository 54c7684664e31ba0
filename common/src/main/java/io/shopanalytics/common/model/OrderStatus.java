package io.shopanalytics.common.model;

import java.util.List;
import java.util.Set;

/** Order statuses and which of them are sales (docs/CONTRACT.md). */
public final class OrderStatus {
  public static final String PENDING = "pending";
  public static final String PROCESSING = "processing";
  public static final String SHIPPED = "shipped";
  public static final String DELIVERED = "delivered";
  public static final String CANCELLED = "cancelled";
  public static final String RETURNED = "returned";

  public static final Set<String> ALL = Set.of(PENDING, PROCESSING, SHIPPED, DELIVERED, CANCELLED, RETURNED);
  /** Valid orders outside this list (pending, cancelled) appear in no metric. */
  public static final List<String> SALES = List.of(PROCESSING, SHIPPED, DELIVERED, RETURNED);

  private OrderStatus() {}
}
