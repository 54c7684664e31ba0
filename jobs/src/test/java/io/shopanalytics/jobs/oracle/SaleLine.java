package io.shopanalytics.jobs.oracle;

import java.math.BigDecimal;

/**
 * One item of a valid sale order, its numbers already exact.
 *
 * @param category the resolved category (item's, else product's, else "unknown")
 * @param itemSku the item's own sku when a non-empty string, else null (used for deleted products)
 * @param itemName the item's own name when a non-empty string, else null
 */
record SaleLine(
    SaleOrder order,
    Object productId,
    long quantity,
    BigDecimal unitPrice,
    String category,
    String itemSku,
    String itemName) {

  /** docs/CONTRACT.md, "Money": line revenue = quantity x unit_price, exactly. */
  BigDecimal revenue() {
    return unitPrice.multiply(BigDecimal.valueOf(quantity));
  }
}
