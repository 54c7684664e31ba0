package io.shopanalytics.common.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.junit.jupiter.api.Test;

class ChangeOffsetTest {
  private static final BsonDocument TOKEN = BsonDocument.parse("{\"_data\": \"8265F0C0FF000000012B0229296E04\"}");

  @Test
  void roundTripsThroughItsJson() {
    ChangeOffset offset = ChangeOffset.after(TOKEN, 42, 3, Instant.parse("2024-11-30T10:00:00Z"));

    ChangeOffset read = ChangeOffset.fromJson(offset.json());

    assertThat(read).isEqualTo(offset);
    assertThat(read.token()).isEqualTo(TOKEN);
    assertThat(read.seq()).isEqualTo(42);
    assertThat(read.tick()).isEqualTo(3);
    assertThat(read.time()).isEqualTo(Instant.parse("2024-11-30T10:00:00Z"));
    assertThat(offset.json()).isEqualTo("{\"token\": {\"_data\": \"8265F0C0FF000000012B0229296E04\"}, "
        + "\"startAt\": null, \"seq\": 42, \"tick\": 3, \"time\": 1732960800}");
  }

  @Test
  void aStreamWithoutATokenStartsAtAnOperationTime() {
    ChangeOffset start = ChangeOffset.startingAt(new BsonTimestamp(1732960800, 0));

    ChangeOffset read = ChangeOffset.fromJson(start.json());

    assertThat(read.token()).isNull();
    assertThat(read.startAt()).isEqualTo(new BsonTimestamp(1732960800, 0));
    assertThat(read.seq()).isZero();
  }

  @Test
  void ticksAndMovesKeepTheCountOfChanges() {
    ChangeOffset offset = ChangeOffset.after(TOKEN, 5, 0, Instant.EPOCH);
    BsonDocument later = BsonDocument.parse("{\"_data\": \"8265F0C1AA\"}");

    assertThat(offset.ticked()).isNotEqualTo(offset).extracting(ChangeOffset::seq, ChangeOffset::tick)
        .containsExactly(5L, 1L);
    assertThat(offset.movedTo(later)).extracting(ChangeOffset::seq, ChangeOffset::token).containsExactly(5L, later);
    assertThat(offset.next(later, Instant.ofEpochSecond(9))).extracting(ChangeOffset::seq, ChangeOffset::time)
        .containsExactly(6L, Instant.ofEpochSecond(9));
  }
}
