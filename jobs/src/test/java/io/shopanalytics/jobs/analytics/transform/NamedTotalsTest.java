package io.shopanalytics.jobs.analytics.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.money.MoneySum;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class NamedTotalsTest {
  @Test
  void addsUpByNameInFirstSeenOrderBeyondTheInitialCapacity() {
    NamedTotals totals = new NamedTotals();
    totals.add("card", 1, MoneySum.of(1_500_000, null));
    totals.add(new String("paypal"), 1, MoneySum.of(250_000, null));
    totals.add("crypto", 2, MoneySum.of(0, new BigDecimal("0.0000001")));
    totals.add(new String("card"), 1, MoneySum.of(10_000, null));
    totals.add("paypal", 0, MoneySum.of(Long.MAX_VALUE, null));

    assertThat(totals.size()).isEqualTo(3);
    assertThat(totals.name(0)).isEqualTo("card");
    assertThat(totals.count(0)).isEqualTo(2);
    assertThat(totals.amount(0).exact()).isEqualByComparingTo("1.51");
    assertThat(totals.name(1)).isEqualTo("paypal");
    assertThat(totals.count(1)).isEqualTo(1);
    assertThat(totals.amount(1).exact()).isEqualByComparingTo(new BigDecimal(Long.MAX_VALUE).movePointLeft(6).add(new BigDecimal("0.25")));
    assertThat(totals.name(2)).isEqualTo("crypto");
    assertThat(totals.count(2)).isEqualTo(2);
    assertThat(totals.amount(2).exact()).isEqualByComparingTo("0.0000001");
  }

  @Test
  void canonicalNamesHandBackTheFirstInstanceOfEachName() {
    CanonicalNames names = new CanonicalNames();
    String first = names.of(new String("2024-11"));
    assertThat(names.of(new String("2024-11"))).isSameAs(first);
    assertThat(names.of("2024-12")).isNotSameAs(first).isEqualTo("2024-12");
    assertThat(names.of(null)).isNull();
  }
}
