package io.shopanalytics.common.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopanalytics.common.changes.OrderChange.Prior;
import java.time.Instant;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/**
 * Change events as MongoDB documents them (change events reference: insert, update with its
 * updateDescription, replace, delete, each with the pre-image when the collection keeps them) and
 * as the embedded stand-in serves them (no update description, no pre-image, the update's operators
 * in place of the documentKey, a since-deleted order looked up as the update's own fields).
 */
class OrderChangeTest {
  private static final String OID = "{\"$oid\": \"65f0c0ffee0000000000abcd\"}";
  private static final String ID = "65f0c0ffee0000000000abcd";
  private static final String NOV = "{\"$date\": \"2024-11-05T10:00:00Z\"}";
  private static final String DEC = "{\"$date\": \"2024-12-01T00:00:00Z\"}";
  private static final String TIME = "\"clusterTime\": {\"$timestamp\": {\"t\": 1733000000, \"i\": 3}}, "
      + "\"wallTime\": {\"$date\": \"2024-11-30T20:53:20.123Z\"}";

  private static OrderChange of(String json) {
    return OrderChange.of(BsonDocument.parse(json));
  }

  private static String order(String createdAt) {
    return "{\"_id\": " + OID + ", \"created_at\": " + createdAt + "}";
  }

  @Test
  void anInsertHasNoPriorVersion() {
    OrderChange change = of("{\"_id\": {\"_data\": \"82\"}, \"operationType\": \"insert\", " + TIME
        + ", \"documentKey\": {\"_id\": " + OID + "}, \"fullDocument\": " + order(NOV) + "}");

    assertThat(change).isEqualTo(new OrderChange("insert", ID, Instant.parse("2024-11-30T20:53:20Z"), (1733000000L << 32) + 3,
        Instant.parse("2024-11-30T20:53:20.123Z"), Prior.NONE, null, Instant.parse("2024-11-05T10:00:00Z"), true));
    assertThat(change.toRow().getAs(OrderChange.PERIOD_AFTER).toString()).isEqualTo("2024-11");
  }

  @Test
  void anUpdateThatLeavesCreatedAtAloneKeepsTheMonthOfTheVersionAfter() {
    OrderChange change = of("{\"operationType\": \"update\", " + TIME + ", \"documentKey\": {\"_id\": " + OID + "}, "
        + "\"updateDescription\": {\"updatedFields\": {\"status\": \"cancelled\", \"items.0.quantity\": 2}, "
        + "\"removedFields\": [], \"truncatedArrays\": []}, \"fullDocument\": " + order(NOV) + "}");

    assertThat(change.prior()).isEqualTo(Prior.SAME_CREATED_AT);
    assertThat(change.createdAtBefore()).isEqualTo(change.createdAtAfter()).isEqualTo(Instant.parse("2024-11-05T10:00:00Z"));
    assertThat(change.relevant()).isTrue();
  }

  @Test
  void anUpdateOfCreatedAtNeedsThePreImage() {
    String update = "{\"operationType\": \"update\", " + TIME + ", \"documentKey\": {\"_id\": " + OID + "}, "
        + "\"updateDescription\": {\"updatedFields\": {\"created_at\": " + DEC + "}, \"removedFields\": []}, "
        + "\"fullDocument\": " + order(DEC);

    OrderChange withoutPreImage = of(update + "}");
    OrderChange withPreImage = of(update + ", \"fullDocumentBeforeChange\": " + order(NOV) + "}");

    assertThat(withoutPreImage.prior()).isEqualTo(Prior.UNKNOWN);
    assertThat(withoutPreImage.createdAtBefore()).isNull();
    assertThat(withPreImage.prior()).isEqualTo(Prior.PRE_IMAGE);
    assertThat(withPreImage.toRow().<String>getAs(OrderChange.PERIOD_BEFORE)).isEqualTo("2024-11");
    assertThat(withPreImage.toRow().<String>getAs(OrderChange.PERIOD_AFTER)).isEqualTo("2024-12");
  }

  @Test
  void removingCreatedAtIsAnUpdateOfIt() {
    OrderChange change = of("{\"operationType\": \"update\", \"documentKey\": {\"_id\": " + OID + "}, "
        + "\"updateDescription\": {\"updatedFields\": {}, \"removedFields\": [\"created_at\"]}, "
        + "\"fullDocument\": {\"_id\": " + OID + "}}");

    assertThat(change.prior()).isEqualTo(Prior.UNKNOWN);
    assertThat(change.createdAtAfter()).isNull();
  }

  @Test
  void deletesAndReplacesNeedThePreImage() {
    OrderChange delete = of("{\"operationType\": \"delete\", \"documentKey\": {\"_id\": " + OID + "}}");
    OrderChange deleteWithPreImage = of("{\"operationType\": \"delete\", \"documentKey\": {\"_id\": " + OID + "}, "
        + "\"fullDocumentBeforeChange\": " + order(NOV) + "}");
    OrderChange replace = of("{\"operationType\": \"replace\", \"documentKey\": {\"_id\": " + OID + "}, "
        + "\"fullDocument\": " + order(DEC) + "}");

    assertThat(delete).extracting(OrderChange::orderId, OrderChange::prior, OrderChange::createdAtAfter)
        .containsExactly(ID, Prior.UNKNOWN, null);
    assertThat(deleteWithPreImage.prior()).isEqualTo(Prior.PRE_IMAGE);
    assertThat(deleteWithPreImage.createdAtBefore()).isEqualTo(Instant.parse("2024-11-05T10:00:00Z"));
    assertThat(replace.prior()).isEqualTo(Prior.UNKNOWN);
    assertThat(replace.createdAtAfter()).isEqualTo(Instant.parse("2024-12-01T00:00:00Z"));
  }

  @Test
  void markingAnOrderProcessedChangesNoFigure() {
    OrderChange marked = of("{\"operationType\": \"update\", \"documentKey\": {\"_id\": " + OID + "}, "
        + "\"updateDescription\": {\"updatedFields\": {\"analytics_processed\": true}, \"removedFields\": []}, "
        + "\"fullDocument\": " + order(NOV) + "}");
    OrderChange reset = of("{\"operationType\": \"update\", \"documentKey\": {\"_id\": " + OID + "}, "
        + "\"updateDescription\": {\"updatedFields\": {\"analytics_processed\": false}, \"removedFields\": []}, "
        + "\"fullDocument\": " + order(NOV) + "}");

    assertThat(marked.relevant()).isFalse();
    assertThat(reset.relevant()).isTrue();
  }

  @Test
  void aDateThatIsNotABsonDateCountsInNoMonth() {
    OrderChange change = of("{\"operationType\": \"insert\", \"documentKey\": {\"_id\": 7}, "
        + "\"fullDocument\": {\"_id\": 7, \"created_at\": \"2024-11-05\"}}");

    assertThat(change.orderId()).isEqualTo("json:{\"$numberInt\": \"7\"}");
    assertThat(change.createdAtAfter()).isNull();
  }

  @Test
  void theStandInsUpdateOperatorsAreReadAsTheUpdatedFields() {
    OrderChange cancelled = of("{\"_id\": {\"_data\": \"6b0f4e7900000003\"}, \"operationType\": \"update\", "
        + "\"fullDocument\": " + order(NOV) + ", "
        + "\"documentKey\": {\"$set\": {\"status\": \"cancelled\", \"analytics_processed\": false}}, "
        + "\"clusterTime\": {\"$timestamp\": {\"t\": 1733000000, \"i\": 3}}}");
    OrderChange moved = of("{\"operationType\": \"update\", \"fullDocument\": " + order(DEC) + ", "
        + "\"documentKey\": {\"$set\": {\"created_at\": " + DEC + "}}}");
    OrderChange marked = of("{\"operationType\": \"update\", \"fullDocument\": " + order(NOV) + ", "
        + "\"documentKey\": {\"$set\": {\"analytics_processed\": true}}}");
    OrderChange renamed = of("{\"operationType\": \"update\", \"fullDocument\": " + order(NOV) + ", "
        + "\"documentKey\": {\"$rename\": {\"placed_at\": \"created_at\"}}}");

    assertThat(cancelled).extracting(OrderChange::orderId, OrderChange::prior, OrderChange::createdAtBefore)
        .containsExactly(ID, Prior.SAME_CREATED_AT, Instant.parse("2024-11-05T10:00:00Z"));
    assertThat(cancelled.wallTime()).isNull();
    assertThat(moved.prior()).isEqualTo(Prior.UNKNOWN);
    assertThat(marked.relevant()).isFalse();
    assertThat(renamed.prior()).isEqualTo(Prior.UNKNOWN);
  }

  @Test
  void theStandInsReplaceIsAnUpdateWithoutOperators() {
    // the stand-in reports replaceOne as an update whose documentKey is the replacement document
    OrderChange change = of("{\"operationType\": \"update\", \"fullDocument\": " + order(DEC) + ", "
        + "\"documentKey\": " + order(DEC) + "}");

    assertThat(change).extracting(OrderChange::orderId, OrderChange::prior).containsExactly(ID, Prior.UNKNOWN);
  }

  @Test
  void anOrderDeletedBeforeItsUpdateWasLookedUpHasNoVersionAfter() {
    // MongoDB: fullDocument null; the stand-in: the update's own fields, without _id
    OrderChange mongo = of("{\"operationType\": \"update\", \"documentKey\": {\"_id\": " + OID + "}, "
        + "\"updateDescription\": {\"updatedFields\": {\"status\": \"cancelled\"}, \"removedFields\": []}, "
        + "\"fullDocument\": null}");
    OrderChange standIn = of("{\"operationType\": \"update\", \"fullDocument\": {\"status\": \"cancelled\"}, "
        + "\"documentKey\": {\"$set\": {\"status\": \"cancelled\"}}}");

    assertThat(mongo).extracting(OrderChange::orderId, OrderChange::prior, OrderChange::createdAtBefore,
        OrderChange::createdAtAfter).containsExactly(ID, Prior.SAME_CREATED_AT, null, null);
    assertThat(standIn).extracting(OrderChange::orderId, OrderChange::prior, OrderChange::createdAtBefore,
        OrderChange::createdAtAfter).containsExactly(null, Prior.SAME_CREATED_AT, null, null);
  }
}
