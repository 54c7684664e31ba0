package io.shopanalytics.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.mongo.SourceCollections;
import io.shopanalytics.common.source.ReadScope;
import io.shopanalytics.common.source.reader.ReferenceCollections;
import io.shopanalytics.common.source.strategy.ReadStrategies;
import io.shopanalytics.common.testing.EmbeddedServerTest;
import io.shopanalytics.common.validate.OrderValidation;
import io.shopanalytics.jobs.testdata.HandComputedShop;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.Dependency;
import org.apache.spark.ShuffleDependency;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/**
 * The shape of the plans, not their speed: shuffles are what the benchmark showed to cost, so
 * their number is pinned. The whole aggregation takes one, both sides of the merge read it, and
 * the outputs read the cached aggregates without any more (docs/ARCHITECTURE.md, 6).
 */
@EmbeddedServerTest
class ShufflePlanTest extends AnalyticsTestBase {
  private AnalyticsComputation computation;
  private Dataset<Row> validated;

  @BeforeEach
  void compute() {
    insert(HandComputedShop.ORDERS, HandComputedShop.PRODUCTS, HandComputedShop.USERS);
    // the static plan: adaptive execution would only show its plan once run
    spark.conf().set("spark.sql.adaptive.enabled", "false");
    var settings = mongo.settings().build();
    validated = OrderValidation.validate(ReadStrategies.orders("auto", settings, ReadScope.between(null, null), 1000)
        .read(spark)).cache();
    Dataset<Row> products = ReferenceCollections.products(spark, settings,
        ReadStrategies.collection(SourceCollections.PRODUCTS, settings, 1000));
    Dataset<Row> users = ReferenceCollections.users(spark, settings,
        ReadStrategies.collection(SourceCollections.USERS, settings, 1000));
    computation = AnalyticsComputation.of(validated, products, users, List.of(HandComputedShop.NOVEMBER),
        HandComputedShop.AS_OF);
  }

  @AfterEach
  void release() {
    computation.close();
    validated.unpersist();
    spark.conf().set("spark.sql.adaptive.enabled", "true");
  }

  @Test
  void theWholeAggregationTakesOneShuffle() {
    // from the orders (and users) to finished product rows: contributions, one exchange by route, the
    // merge; product and customer rows read a side's cached merge, whose lineage holds that one
    // shuffle (sales rows are finished on the driver)
    for (AnalyticsOutput output : List.of(AnalyticsOutput.PRODUCT, AnalyticsOutput.CUSTOMER)) {
      assertThat(shuffles(computation.output(output).queryExecution().toRdd(), new HashSet<>())).as(output.name())
          .isEqualTo(1);
    }
  }

  @Test
  void everyOutputReadsTheCachedAggregatesWithoutAShuffle() {
    computation.materialize();
    for (AnalyticsOutput output : AnalyticsOutput.values()) {
      assertThat(shuffles(computation.output(output).queryExecution().executedPlan())).as(output.name()).isZero();
    }
  }

  /** Shuffles in an RDD's lineage. */
  private static int shuffles(RDD<?> rdd, Set<Integer> seen) {
    if (!seen.add(rdd.id())) {
      return 0;
    }
    int count = 0;
    for (Dependency<?> dependency : JavaConverters.seqAsJavaList(rdd.dependencies())) {
      count += (dependency instanceof ShuffleDependency ? 1 : 0) + shuffles(dependency.rdd(), seen);
    }
    return count;
  }

  /** Shuffle exchanges of the plan, not counting those inside cached relations (they ran once). */
  private static int shuffles(SparkPlan plan) {
    int count = plan instanceof ShuffleExchangeExec ? 1 : 0;
    for (SparkPlan child : JavaConverters.seqAsJavaList(plan.children())) {
      count += shuffles(child);
    }
    return count;
  }
}
