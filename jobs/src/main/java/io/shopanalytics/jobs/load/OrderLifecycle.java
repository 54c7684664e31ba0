package io.shopanalytics.jobs.load;

import io.shopanalytics.common.model.OrderStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How far an order got by the end of the window. Each order aims for an outcome (most are
 * delivered, a few percent cancelled or returned), its steps get times, and the steps after the
 * window's end are cut off: orders from the last days are still pending, processing or shipped,
 * as they would be in a live store.
 */
final class OrderLifecycle {
  record Step(String status, long at) {}

  record DeliveryMethod(String name, double minDays, double maxDays) {}

  static final List<DeliveryMethod> DELIVERY_METHODS = List.of(
      new DeliveryMethod("standard", 3, 7), new DeliveryMethod("express", 1, 3), new DeliveryMethod("next_day", 1, 1.5));
  private static final WeightedSampler DELIVERY_MIX = new WeightedSampler(new double[] {0.70, 0.22, 0.08});

  private static final List<String> OUTCOMES = List.of(OrderStatus.DELIVERED, OrderStatus.SHIPPED,
      OrderStatus.PROCESSING, OrderStatus.PENDING, OrderStatus.CANCELLED, OrderStatus.RETURNED);
  private static final WeightedSampler OUTCOME_MIX =
      new WeightedSampler(new double[] {0.83, 0.03, 0.02, 0.01, 0.07, 0.04});

  private final List<Step> steps;
  private final DeliveryMethod delivery;

  private OrderLifecycle(List<Step> steps, DeliveryMethod delivery) {
    this.steps = steps;
    this.delivery = delivery;
  }

  static OrderLifecycle simulate(SplittableRandom random, long createdAt, long endOfWindow) {
    DeliveryMethod delivery = DELIVERY_METHODS.get(DELIVERY_MIX.pick(random));
    String outcome = OUTCOMES.get(OUTCOME_MIX.pick(random));
    List<Step> planned = new ArrayList<>();
    long at = createdAt;
    planned.add(new Step(OrderStatus.PENDING, at));
    if (outcome.equals(OrderStatus.CANCELLED)) {
      if (random.nextBoolean()) {
        at += minutes(random, 5, 360);
        planned.add(new Step(OrderStatus.PROCESSING, at));
      }
      planned.add(new Step(OrderStatus.CANCELLED, at + minutes(random, 10, 2 * 24 * 60)));
    } else if (!outcome.equals(OrderStatus.PENDING)) {
      at += minutes(random, 5, 360);
      planned.add(new Step(OrderStatus.PROCESSING, at));
      if (!outcome.equals(OrderStatus.PROCESSING)) {
        at += minutes(random, 360, 3 * 24 * 60);
        planned.add(new Step(OrderStatus.SHIPPED, at));
      }
      if (outcome.equals(OrderStatus.DELIVERED) || outcome.equals(OrderStatus.RETURNED)) {
        at += OrderCalendar.days(delivery.minDays() + random.nextDouble() * (delivery.maxDays() - delivery.minDays()));
        planned.add(new Step(OrderStatus.DELIVERED, at));
      }
      if (outcome.equals(OrderStatus.RETURNED)) {
        planned.add(new Step(OrderStatus.RETURNED, at + OrderCalendar.days(3 + random.nextDouble() * 22)));
      }
    }
    // the first step is the order's creation, always inside the window
    List<Step> happened = new ArrayList<>(planned.size());
    for (Step step : planned) {
      if (step.at() < endOfWindow) {
        happened.add(step);
      }
    }
    return new OrderLifecycle(List.copyOf(happened), delivery);
  }

  private static long minutes(SplittableRandom random, int min, int max) {
    return (min + random.nextLong(max - min + 1)) * 60_000L;
  }

  List<Step> steps() {
    return steps;
  }

  String status() {
    return last().status();
  }

  long updatedAt() {
    return last().at();
  }

  DeliveryMethod delivery() {
    return delivery;
  }

  /** When the order reached {@code status}, or null when it did not. */
  Long reached(String status) {
    for (Step step : steps) {
      if (step.status().equals(status)) {
        return step.at();
      }
    }
    return null;
  }

  private Step last() {
    return steps.get(steps.size() - 1);
  }
}
