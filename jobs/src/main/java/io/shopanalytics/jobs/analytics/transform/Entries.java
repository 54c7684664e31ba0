package io.shopanalytics.jobs.analytics.transform;

import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.money.MoneySum;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Named counts and exact amounts, grouped (a day, a category, a payment method, a reject reason...):
 * the partial totals that tasks add up and then hand on in rows of {@link #SCHEMA}, to be added up
 * again wherever they meet.
 */
final class Entries {
  static final StructType SCHEMA = new StructType()
      .add("group", DataTypes.ByteType, false)
      .add("name", DataTypes.StringType, true)
      .add("count", DataTypes.LongType, false)
      .add("units", DataTypes.LongType, false)
      .add("beyond_units", OrderSchema.MONEY, true);

  /** One group's entry: how many, and how much. */
  static final class Totals {
    long count;
    final MoneySum amount = new MoneySum();
  }

  private record Key(byte group, String name) {}

  private final Map<Key, Totals> totals = new LinkedHashMap<>();

  Totals get(byte group, String name) {
    return totals.computeIfAbsent(new Key(group, name), key -> new Totals());
  }

  /** Adds the entries of rows of {@link #SCHEMA}. */
  void addAll(List<?> rows) {
    for (Object element : rows) {
      Row row = (Row) element;
      Totals entry = get(row.getByte(0), row.getString(1));
      entry.count += row.getLong(2);
      entry.amount.add(MoneySum.of(row.getLong(3), row.getDecimal(4)));
    }
  }

  void addAll(Entries other) {
    other.totals.forEach((key, value) -> {
      Totals entry = get(key.group, key.name);
      entry.count += value.count;
      entry.amount.add(value.amount);
    });
  }

  /** Every entry of {@code group}, by name. */
  void forEach(byte group, BiConsumer<String, Totals> action) {
    totals.forEach((key, value) -> {
      if (key.group == group) {
        action.accept(key.name, value);
      }
    });
  }

  boolean isEmpty() {
    return totals.isEmpty();
  }

  /** The entries as rows of {@link #SCHEMA}. */
  Object[] toRows() {
    Object[] rows = new Object[totals.size()];
    int i = 0;
    for (Map.Entry<Key, Totals> entry : totals.entrySet()) {
      MoneySum amount = entry.getValue().amount;
      rows[i++] = new GenericRowWithSchema(new Object[] {entry.getKey().group, entry.getKey().name,
          entry.getValue().count, amount.units(), amount.beyondUnits()}, SCHEMA);
    }
    return rows;
  }
}
