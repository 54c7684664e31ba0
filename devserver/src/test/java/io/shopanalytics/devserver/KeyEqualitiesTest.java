package io.shopanalytics.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which queries the index-aware collection answers with one lookup in a unique index. */
class KeyEqualitiesTest {
  private static final Index<Integer> KEY = new MemoryUniqueIndex("key",
      List.of(new IndexKey("product_id", true), new IndexKey("period", true)), false);

  @Test
  void theKeysEqualitiesOfAFencedFilter() {
    Document filter = new Document("product_id", "p1").append("period", "2024-01")
        .append("lease_token", new Document("$not", new Document("$gt", 4L)));
    assertThat(KeyEqualities.of(KEY, filter)).isEqualTo(new Document("product_id", "p1").append("period", "2024-01"));
  }

  @Test
  void noneWhenAKeyIsMissingOrNotAPlainEquality() {
    assertThat(KeyEqualities.of(KEY, new Document("product_id", "p1").append("x", 1))).isNull();
    assertThat(KeyEqualities.of(KEY, new Document("product_id", "p1").append("period", null))).isNull();
    assertThat(KeyEqualities.of(KEY, new Document("product_id", "p1")
        .append("period", new Document("$gte", "2024-01")))).isNull();
    assertThat(KeyEqualities.of(KEY, new Document("product_id", "p1").append("period", List.of("2024-01")))).isNull();
    assertThat(KeyEqualities.of(KEY, new Document("product_id", "p1")
        .append("period", new BsonRegularExpression("^2024")))).isNull();
    assertThat(KeyEqualities.of(KEY, new Document("product_id", new Document("sub", 1)).append("period", "2024-01")))
        .isNull();
  }

  @Test
  void noneForAnIndexThatIsNotUnique() {
    Index<Integer> notUnique = new MemoryUniqueIndex("k", List.of(new IndexKey("period", true)), false) {
      @Override
      public boolean isUnique() {
        return false;
      }
    };
    assertThat(KeyEqualities.of(notUnique, new Document("period", "2024-01").append("x", 1))).isNull();
  }
}
