package io.shopanalytics.jobs.analytics.transform;

import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.id;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.item;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.order;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.product;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.products;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.validated;
import static io.shopanalytics.jobs.analytics.transform.RowValues.entry;
import static io.shopanalytics.jobs.analytics.transform.RowValues.fields;
import static io.shopanalytics.jobs.analytics.transform.RowValues.sortedBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.model.OrderSchema;
import io.shopanalytics.common.testing.SparkTestBase;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Sale orders and sale lines, the views every transform starts from, on in-memory orders. */
class SaleDataTest extends SparkTestBase {
  private static final String MIDNIGHT = "2024-11-05T00:00:00Z";

  @Test
  void onlyValidOrdersWithASaleStatusAreSales() {
    Dataset<Row> orders = validated(
        order(1, 100, MIDNIGHT, "pending", item(7, 1, "1.00")),
        order(2, 100, MIDNIGHT, "processing", item(7, 1, "1.00")),
        order(3, 100, MIDNIGHT, "shipped", item(7, 1, "1.00")),
        order(4, 100, MIDNIGHT, "delivered", item(7, 1, "1.00")),
        order(5, 100, MIDNIGHT, "cancelled", item(7, 1, "1.00")),
        order(6, 100, MIDNIGHT, "returned", item(7, 1, "1.00")),
        order(7, 100, MIDNIGHT, "delivered", item(7, 1, "1.00")).rejected("item_unit_price_invalid"));

    List<List<Object>> sales = sortedBy(SaleData.saleOrders(orders), OrderSchema.ORDER_ID).stream()
        .map(row -> fields(row, OrderSchema.ORDER_ID, OrderSchema.STATUS))
        .toList();

    assertThat(sales).containsExactly(
        entry(id(2), "processing"), entry(id(3), "shipped"), entry(id(4), "delivered"), entry(id(6), "returned"));
  }

  @Test
  void periodAndDateAreUtcAndTheMonthEndsAtItsLastMillisecond() {
    Dataset<Row> sales = SaleData.saleOrders(validated(
        order(1, 100, "2024-11-01T00:00:00Z", "delivered", item(7, 1, "1.00")),
        order(2, 100, "2024-11-30T23:59:59.999Z", "delivered", item(7, 1, "1.00")),
        order(3, 100, "2024-12-01T00:00:00Z", "delivered", item(7, 1, "1.00"))));

    assertThat(periodsAndDates(sales)).containsExactly(
        entry(id(1), "2024-11", "2024-11-01"),
        entry(id(2), "2024-11", "2024-11-30"),
        entry(id(3), "2024-12", "2024-12-01"));
    // the same boundary for the period filter of the monthly outputs and the as-of filter of customers
    assertThat(periodsAndDates(sales.where(SaleData.inPeriods(List.of(Period.of(2024, 11))))))
        .extracting(row -> row.get(0)).containsExactly(id(1), id(2));
    assertThat(periodsAndDates(sales.where(SaleData.upTo(AsOf.of(LocalDate.of(2024, 11, 30))))))
        .extracting(row -> row.get(0)).containsExactly(id(1), id(2));
  }

  @Test
  void oneLinePerItemWithTheItemsCategoryElseTheProductsElseUnknown() {
    Dataset<Row> catalogue = products(
        product(7, "TOY-7", "Robot", "Toys"),
        product(8, "THING-8", "Thing", null));
    Dataset<Row> orders = validated(
        order(1, 100, MIDNIGHT, "delivered",
            item(7, 2, "1.50").category("Books"),
            item(7, 1, "2.00"),
            item(8, 1, "3.00").sku("OLD-8"),
            item(9, 4, "0.25").sku("GONE-9").name("Gone")),
        order(2, 101, MIDNIGHT, "shipped", item(7, 1, "2.00")),
        order(3, 101, MIDNIGHT, "pending", item(7, 5, "2.00")));

    List<List<Object>> lines = SaleData.saleLines(SaleData.saleOrders(orders), catalogue).collectAsList().stream()
        .map(row -> fields(row, OrderSchema.ORDER_ID, SaleData.LINE_INDEX, SaleData.PRODUCT_ID, SaleData.QUANTITY,
            SaleData.REVENUE, SaleData.CATEGORY, SaleData.ITEM_SKU, SaleData.ITEM_NAME, SaleData.PRODUCT_SKU,
            SaleData.PRODUCT_NAME, SaleData.PRODUCT_EXISTS))
        .sorted(Comparator.comparing((List<Object> line) -> (String) line.get(0))
            .thenComparing(line -> (Integer) line.get(1)))
        .toList();

    assertThat(lines).containsExactly(
        // the item's own category wins over the product's current one
        entry(id(1), 0, id(7), 2L, exact("3.00"), "Books", null, null, "TOY-7", "Robot", true),
        // no category on the item: the product's
        entry(id(1), 1, id(7), 1L, exact("2.00"), "Toys", null, null, "TOY-7", "Robot", true),
        // neither has one
        entry(id(1), 2, id(8), 1L, exact("3.00"), "unknown", "OLD-8", null, "THING-8", "Thing", true),
        // the product is gone from the catalogue
        entry(id(1), 3, id(9), 4L, exact("1.00"), "unknown", "GONE-9", "Gone", null, null, false),
        entry(id(2), 0, id(7), 1L, exact("2.00"), "Toys", null, null, "TOY-7", "Robot", true));
  }

  private static List<List<Object>> periodsAndDates(Dataset<Row> sales) {
    return sortedBy(sales, OrderSchema.ORDER_ID).stream()
        .map(row -> fields(row, OrderSchema.ORDER_ID, SaleData.PERIOD, SaleData.DATE))
        .toList();
  }

  /** A line revenue as it stays inside Spark, with all 18 decimals of the money type. */
  private static BigDecimal exact(String amount) {
    return new BigDecimal(amount).setScale(OrderSchema.MONEY.scale());
  }
}
