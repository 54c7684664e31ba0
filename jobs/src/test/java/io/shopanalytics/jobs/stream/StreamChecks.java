package io.shopanalytics.jobs.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.shopanalytics.common.config.LeaseSettings;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.config.ReadSettings;
import io.shopanalytics.common.config.StreamSettings;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.common.time.Period;
import io.shopanalytics.jobs.analytics.AnalyticsOutput;
import io.shopanalytics.jobs.analytics.AnalyticsSuite;
import io.shopanalytics.jobs.analytics.RunRequest;
import io.shopanalytics.jobs.oracle.ReferenceAnalytics;
import io.shopanalytics.jobs.oracle.ReferenceResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.bson.Document;

/** A shop's months and as-of day, and what the stream tests check of what was stored there. */
record StreamChecks(SparkSession spark, MongoSettings settings, MongoDatabase database, List<Period> months, AsOf asOf) {
  private static final Set<String> WRITE_FIELDS = Set.of("_id", "created_at", "updated_at", "lease_token");

  /** A full batch run of every month and the customers, as the nightly job would run it. */
  void fullBatch() throws Exception {
    new AnalyticsSuite(spark).execute(RunRequest.builder(settings).periods(months).asOf(asOf)
        .outputs(EnumSet.allOf(AnalyticsOutput.class)).build());
  }

  /** The stream with a 1-second trigger, customers at most every 2 seconds, the fixed as-of day. */
  StreamRequest request(Path checkpoint) {
    return new StreamRequest(settings, ReadSettings.defaults(), LeaseSettings.defaults(),
        StreamSettings.fromConf(Map.of()).withTrigger(Duration.ofSeconds(1)).withCustomersEvery(Duration.ofSeconds(2)),
        checkpoint.toString(), asOf);
  }

  List<Document> stored(String collection, String... keys) {
    List<Document> documents = new ArrayList<>();
    for (Document document : database.getCollection(collection).find().sort(Sorts.ascending(keys))) {
      WRITE_FIELDS.forEach(document::remove);
      documents.add(document);
    }
    return documents;
  }

  /** Every analytics document against the reference on the orders as they are now, and against a full batch run's. */
  void assertEqualsAFullRecomputation() throws Exception {
    ReferenceResult expected = ReferenceAnalytics.compute(all("orders"), all("products"), all("users"), months, asOf);
    List<Document> products = stored("product_analytics", "product_id", "period");
    List<Document> sales = stored("sales_analytics", "period");
    List<Document> customers = stored("customer_analytics", "user_id");
    assertThat(products).isEqualTo(expected.productAnalytics());
    assertThat(sales).isEqualTo(expected.salesAnalytics());
    assertThat(customers).isEqualTo(expected.customerAnalytics());

    fullBatch();
    assertThat(stored("product_analytics", "product_id", "period")).isEqualTo(products);
    assertThat(stored("sales_analytics", "period")).isEqualTo(sales);
    assertThat(stored("customer_analytics", "user_id")).isEqualTo(customers);
  }

  private List<Document> all(String collection) {
    return database.getCollection(collection).find().into(new ArrayList<>());
  }
}
