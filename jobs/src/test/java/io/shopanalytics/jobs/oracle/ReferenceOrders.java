package io.shopanalytics.jobs.oracle;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** Turns a valid order document into a {@link SaleOrder}. */
final class ReferenceOrders {
  private ReferenceOrders() {}

  /**
   * The sale of a valid order, or empty when its status is pending or cancelled (valid but not a
   * sale: "they appear in no metric"). Call only for orders that passed {@link ReferenceValidation}.
   */
  static Optional<SaleOrder> saleOf(Document validOrder, ReferenceCatalog catalog) {
    String status = validOrder.getString("status");
    if (!ReferenceValidation.SALE_STATUSES.contains(status)) {
      return Optional.empty();
    }
    SaleOrder sale = new SaleOrder(
        validOrder.get("_id"),
        validOrder.get("user_id"),
        ((Date) validOrder.get("created_at")).toInstant(),
        status,
        paymentMethodOf(validOrder));
    for (Object element : (List<?>) validOrder.get("items")) {
      Document item = (Document) element;
      sale.addLine(new SaleLine(
          sale,
          item.get("product_id"),
          quantityOf(item),
          ReferenceNumbers.validUnitPrice(item.get("unit_price")).orElseThrow(),
          catalog.categoryOf(item),
          ReferenceCatalog.nonEmptyString(item.get("sku")),
          ReferenceCatalog.nonEmptyString(item.get("name"))));
    }
    return Optional.of(sale);
  }

  /**
   * payment.method when a non-empty string; otherwise "unknown" (no payment, a payment that is not
   * a document, a missing, null, empty or non-string method). A method literally named "unknown"
   * falls into the same bucket.
   */
  static String paymentMethodOf(Document order) {
    if (order.get("payment") instanceof Document payment) {
      String method = ReferenceCatalog.nonEmptyString(payment.get("method"));
      if (method != null) {
        return method;
      }
    }
    return ReferenceCatalog.UNKNOWN;
  }

  private static long quantityOf(Document item) {
    BigDecimal quantity = ReferenceNumbers.validQuantity(item.get("quantity")).orElseThrow();
    try {
      return quantity.longValueExact();
    } catch (ArithmeticException e) {
      // A whole quantity beyond int64 is valid per the rules but cannot be stored as a count.
      throw new IllegalArgumentException(
          "Quantity " + quantity + " of order " + item + " exceeds int64: outside the contract", e);
    }
  }
}
