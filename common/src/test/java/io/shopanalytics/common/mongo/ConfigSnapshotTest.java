package io.shopanalytics.common.mongo;

import static io.shopanalytics.common.testing.RecordedConfig.ORDERS;
import static io.shopanalytics.common.testing.RecordedConfig.ORDERS_COLLECTION;
import static io.shopanalytics.common.testing.RecordedConfig.THIRD;
import static io.shopanalytics.common.testing.RecordedConfig.THREE_SHARDS;
import static io.shopanalytics.common.testing.RecordedConfig.byUuid;
import static io.shopanalytics.common.testing.RecordedConfig.chunks;
import static io.shopanalytics.common.testing.RecordedConfig.document;
import static io.shopanalytics.common.testing.RecordedConfig.documents;
import static io.shopanalytics.common.testing.RecordedConfig.oneChunkPerShard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.ServerAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** The config.chunks read as a snapshot: version, chunks, version again, and a retry on a difference or a broken chain. */
class ConfigSnapshotTest {
  /** The middle chunk of one-chunk-per-shard split at 0 (a split commits minor versions 4 and 5). */
  private static final List<BsonDocument> AFTER_SPLIT =
      chunks(byUuid(), new long[] {-THIRD, 0, THIRD}, new String[] {"shard1", "shard0", "shard0", "shard2"},
          new int[] {1, 4, 5, 3});

  /** Answers scripted per call: versions in order, chunk lists in order. */
  private static final class Script implements ConfigMetadataReader.Queries {
    final Deque<String> versions = new ArrayDeque<>();
    final Deque<List<BsonDocument>> chunkReads = new ArrayDeque<>();
    int chunkCalls;

    @Override
    public String version() {
      return versions.size() > 1 ? versions.poll() : versions.peek();
    }

    @Override
    public BsonDocument collection() {
      return document(ORDERS_COLLECTION);
    }

    @Override
    public List<BsonDocument> chunks(BsonDocument collection) {
      chunkCalls++;
      return chunkReads.size() > 1 ? chunkReads.poll() : chunkReads.peek();
    }

    @Override
    public List<BsonDocument> shards() {
      return documents(THREE_SHARDS);
    }
  }

  /** A read whose first batches came before the split and whose last came after: [0, THIRD) is missing. */
  private static List<BsonDocument> torn() {
    List<BsonDocument> torn = new ArrayList<>();
    for (BsonDocument chunk : oneChunkPerShard(byUuid())) {
      if (!chunk.getString("shard").getValue().equals("shard0")) {
        torn.add(chunk);
      }
    }
    torn.add(AFTER_SPLIT.get(0)); // [-THIRD, 0), the first half of the split
    return torn;
  }

  @Test
  void aChainChangingBetweenBatchesIsReadAgainUntilTheVersionHolds() {
    Script script = new Script();
    script.versions.addAll(List.of("v1", "v2", "v2", "v2"));
    script.chunkReads.addAll(List.of(torn(), AFTER_SPLIT));

    ShardingMetadata metadata = ConfigMetadataReader.snapshot(script, ORDERS);

    assertThat(script.chunkCalls).isEqualTo(2);
    assertThat(metadata.chunks()).extracting(c -> c.min().toJson()).containsExactly("{\"_id\": {\"$minKey\": 1}}",
        "{\"_id\": " + -THIRD + "}", "{\"_id\": 0}", "{\"_id\": " + THIRD + "}");
  }

  @Test
  void aBrokenChainUnderAnUnchangedVersionIsReadAgainToo() {
    Script script = new Script();
    script.versions.add("v2"); // the commit landed between the last batch and the second version read
    script.chunkReads.addAll(List.of(torn(), AFTER_SPLIT));

    assertThat(ConfigMetadataReader.snapshot(script, ORDERS).chunks()).hasSize(4);
    assertThat(script.chunkCalls).isEqualTo(2);
  }

  @Test
  void metadataThatNeverHoldsStillFailsWithTheChainMessage() {
    Script script = new Script();
    script.versions.add("v1");
    script.chunkReads.add(torn());

    assertThatThrownBy(() -> ConfigMetadataReader.snapshot(script, ORDERS))
        .hasMessageContaining("Malformed sharding metadata for shop.orders: no chunk starts at {\"_id\": 0}");
    assertThat(script.chunkCalls).isEqualTo(ConfigMetadataReader.ATTEMPTS);
  }

  @Test
  void aVersionThatKeepsChangingFailsAfterTheAttempts() {
    Script script = new Script();
    for (int i = 0; i < 2 * ConfigMetadataReader.ATTEMPTS + 1; i++) {
      script.versions.add("v" + i);
    }
    script.chunkReads.add(AFTER_SPLIT);

    assertThatThrownBy(() -> ConfigMetadataReader.snapshot(script, ORDERS))
        .hasMessageContaining("kept changing while it was read (5 attempts)");
  }

  @Test
  void unauthorizedNamesTheRolesAndWarnsOncePerRun() {
    MongoCommandException unauthorized = new MongoCommandException(BsonDocument.parse(
        "{ok: 0, errmsg: 'not authorized on config to execute command find collections', code: 13, "
            + "codeName: 'Unauthorized'}"), new ServerAddress());
    MetadataAccessDenied denied = new MetadataAccessDenied("shop.orders", unauthorized);

    assertThat(denied).hasMessageContaining("needs read on the config database or the clusterMonitor role");
    denied.warnOnce();
    assertThat(denied.warnOnce()).isFalse();
    assertThat(new MetadataAccessDenied("shop.products", unauthorized).warnOnce()).isFalse();
    assertThat(MetadataAccessDenied.LOST).contains("fall back to unsharded _id ranges").contains("no read is checked");
  }

  @Test
  void onlyUnauthorizedBecomesMetadataAccessDenied() {
    MongoCommandException unauthorized = new MongoCommandException(BsonDocument.parse(
        "{ok: 0, errmsg: 'not authorized', code: 13, codeName: 'Unauthorized'}"), new ServerAddress());
    MongoCommandException other = new MongoCommandException(BsonDocument.parse(
        "{ok: 0, errmsg: 'interrupted', code: 11601, codeName: 'Interrupted'}"), new ServerAddress());

    assertThatThrownBy(() -> ConfigMetadataReader.authorized(ORDERS, () -> {
      throw unauthorized;
    })).isInstanceOf(MetadataAccessDenied.class).hasCause(unauthorized);
    assertThatThrownBy(() -> ConfigMetadataReader.authorized(ORDERS, () -> {
      throw other;
    })).isSameAs(other);
  }
}
