package io.shopanalytics.jobs.analytics.transform;

import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.id;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.item;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.order;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.product;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.products;
import static io.shopanalytics.jobs.analytics.transform.InMemoryShop.validated;
import static io.shopanalytics.jobs.analytics.transform.RowValues.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.money.MoneySum;
import io.shopanalytics.common.testing.SparkTestBase;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The read side's contributions of in-memory orders: which orders are sales, their months and days, their categories and labels. */
class OrderContributionsTest extends SparkTestBase {
  private static final String MIDNIGHT = "2024-11-05T00:00:00Z";
  private static final List<Period> NOVEMBER = List.of(Period.of(2024, 11));
  private static final AsOf END_OF_NOVEMBER = AsOf.of(LocalDate.of(2024, 11, 30));

  @Test
  void onlyValidOrdersWithASaleStatusAreSales() {
    Dataset<Row> orders = validated(
        order(1, 100, MIDNIGHT, "pending", item(7, 1, "1.00")),
        order(2, 100, MIDNIGHT, "processing", item(7, 1, "2.00")),
        order(3, 100, MIDNIGHT, "shipped", item(7, 1, "3.00")),
        order(4, 100, MIDNIGHT, "delivered", item(7, 1, "4.00")),
        order(5, 100, MIDNIGHT, "cancelled", item(7, 1, "5.00")),
        order(6, 100, MIDNIGHT, "returned", item(7, 1, "6.00")),
        order(7, 100, MIDNIGHT, "delivered", item(7, 1, "7.00")).rejected("item_unit_price_invalid"));

    List<Row> contributions = contributions(orders, products(), NOVEMBER, END_OF_NOVEMBER);

    // the revenues name the orders: 2, 3, 4 and 6 are the sales
    assertThat(of(contributions, Contribution.PRODUCT_SALE).stream().map(OrderContributionsTest::revenue))
        .containsExactly("2.000000", "3.000000", "4.000000", "6.000000");
    assertThat(of(contributions, Contribution.CUSTOMER_SALE).stream().map(OrderContributionsTest::revenue))
        .containsExactly("2.000000", "3.000000", "4.000000", "6.000000");
    assertThat(of(contributions, Contribution.CUSTOMER_SALE).stream().map(c -> c.getBoolean(Contribution.RETURNED)))
        .containsExactly(false, false, false, true);
    assertThat(of(contributions, Contribution.REJECT).stream()
        .map(c -> entry(c.getString(Contribution.KEY), c.getString(Contribution.TEXT))))
        .containsExactly(entry(id(7), "item_unit_price_invalid"));
    ReadTally tally = tally(contributions);
    assertThat(tally.ordersRead()).isEqualTo(7);
    assertThat(tally.salesCounted()).isEqualTo(4);
    assertThat(tally.rejects()).isEqualTo(Map.of("item_unit_price_invalid", 1L));
  }

  @Test
  void periodAndDateAreUtcAndTheMonthEndsAtItsLastMillisecond() {
    Dataset<Row> orders = validated(
        order(1, 100, "2024-11-01T00:00:00Z", "delivered", item(7, 1, "1.00")),
        order(2, 100, "2024-11-30T23:59:59.999Z", "delivered", item(7, 1, "2.00")),
        order(3, 100, "2024-12-01T00:00:00Z", "delivered", item(7, 1, "3.00")));

    List<Row> bothMonths = contributions(orders, products(), List.of(Period.of(2024, 11), Period.of(2024, 12)), null);
    assertThat(of(bothMonths, Contribution.PRODUCT_SALE).stream().map(c -> entry(revenue(c),
        c.getString(Contribution.PERIOD), new SaleCalendar().date(c.getLong(Contribution.DAY)))))
        .containsExactly(
            entry("1.000000", "2024-11", "2024-11-01"),
            entry("2.000000", "2024-11", "2024-11-30"),
            entry("3.000000", "2024-12", "2024-12-01"));
    // the same boundary for the period filter of the monthly outputs and the as-of filter of customers
    List<Row> november = contributions(orders, products(), NOVEMBER, END_OF_NOVEMBER);
    assertThat(of(november, Contribution.PRODUCT_SALE).stream().map(OrderContributionsTest::revenue))
        .containsExactly("1.000000", "2.000000");
    assertThat(of(november, Contribution.CUSTOMER_SALE).stream().filter(c -> c.getBoolean(Contribution.FOR_CUSTOMERS))
        .map(OrderContributionsTest::revenue)).containsExactly("1.000000", "2.000000");
  }

  @Test
  void eachItemsCategoryIsItsOwnElseTheProductsElseUnknownAndOnlyGoneProductsCarryLabels() {
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

    List<Row> contributions = contributions(orders, catalogue, NOVEMBER, END_OF_NOVEMBER);

    Row first = of(contributions, Contribution.CUSTOMER_SALE).get(0);
    Map<String, String> categories = new TreeMap<>();
    for (Object element : RowArrays.list(first, Contribution.ENTRIES)) {
      Row category = (Row) element;
      categories.put(category.getString(1), MoneySum.of(category.getLong(3), category.getDecimal(4)).toString());
    }
    // the item's own category wins over the product's current one; without one, the product's; neither: unknown
    assertThat(categories).isEqualTo(Map.of("Books", "3.000000", "Toys", "2.000000", "unknown", "4.000000"));
    // one contribution per product of an order, its lines together; labels only for the product gone from the catalogue
    assertThat(of(contributions, Contribution.PRODUCT_SALE).stream().map(c -> entry(c.getString(Contribution.KEY),
        c.getLong(Contribution.QUANTITY), revenue(c), c.getString(Contribution.TEXT), c.getString(Contribution.ITEM_NAME),
        c.getString(Contribution.ORDER_ID), c.getInt(Contribution.LINE)))).containsExactly(
            entry(id(7), 3L, "5.000000", null, null, null, 0),
            entry(id(8), 1L, "3.000000", null, null, null, 0),
            entry(id(9), 4L, "1.000000", "GONE-9", "Gone", id(1), 3),
            entry(id(7), 1L, "2.000000", null, null, null, 0));
  }

  private static List<Row> contributions(Dataset<Row> orders, Dataset<Row> catalogue, List<Period> periods,
      AsOf asOf) {
    AnalyticsScope scope = AnalyticsScope.of(periods, asOf, true, true, asOf != null, false);
    OrderContributions contribute = new OrderContributions(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(Catalogue.of(catalogue)), scope);
    List<Row> contributions = new ArrayList<>();
    contribute.call(orders.collectAsList().iterator()).forEachRemaining(contributions::add);
    return contributions;
  }

  private static List<Row> of(List<Row> contributions, byte kind) {
    return contributions.stream().filter(c -> c.getByte(Contribution.KIND) == kind).toList();
  }

  private static ReadTally tally(List<Row> contributions) {
    ReadTally tally = new ReadTally();
    of(contributions, Contribution.TALLY).forEach(c -> tally.addAll(RowArrays.list(c, Contribution.ENTRIES)));
    return tally;
  }

  private static String revenue(Row contribution) {
    return MoneySum.of(contribution.getLong(Contribution.UNITS), contribution.getDecimal(Contribution.BEYOND_UNITS))
        .toString();
  }
}
