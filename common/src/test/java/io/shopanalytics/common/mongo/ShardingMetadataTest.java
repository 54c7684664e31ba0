package io.shopanalytics.common.mongo;

import static io.shopanalytics.common.testing.RecordedConfig.ORDERS;
import static io.shopanalytics.common.testing.RecordedConfig.ORDERS_COLLECTION;
import static io.shopanalytics.common.testing.RecordedConfig.ORDERS_COLLECTION_44;
import static io.shopanalytics.common.testing.RecordedConfig.THREE_SHARDS;
import static io.shopanalytics.common.testing.RecordedConfig.byNs;
import static io.shopanalytics.common.testing.RecordedConfig.byUuid;
import static io.shopanalytics.common.testing.RecordedConfig.document;
import static io.shopanalytics.common.testing.RecordedConfig.documents;
import static io.shopanalytics.common.testing.RecordedConfig.ordersChunks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class ShardingMetadataTest {
  private static final String[] SHARDS = {"shard0", "shard1", "shard2"};

  private static ShardingMetadata parse(String collection, List<BsonDocument> chunks, String shards) {
    return ShardingMetadata.parse(ORDERS, collection == null ? null : document(collection), chunks, documents(shards));
  }

  @Test
  void uuidShapeIsParsedInShardKeyOrderWithVersionFromTimestampAndNewestLastmod() {
    ShardingMetadata metadata = parse(ORDERS_COLLECTION, ordersChunks(byUuid(), SHARDS), THREE_SHARDS);

    assertThat(metadata.state()).isEqualTo(ShardingMetadata.State.SHARDED);
    assertThat(metadata.hashed()).isTrue();
    assertThat(metadata.shardKey().toJson()).isEqualTo("{\"_id\": \"hashed\"}");
    assertThat(metadata.chunks()).extracting(c -> c.min().toJson()).containsExactly(
        "{\"_id\": {\"$minKey\": 1}}", "{\"_id\": -6000000000000000000}", "{\"_id\": -3000000000000000000}",
        "{\"_id\": 0}", "{\"_id\": 3000000000000000000}", "{\"_id\": 6000000000000000000}");
    assertThat(metadata.chunks()).extracting(ShardingMetadata.Chunk::shard)
        .containsExactly("shard0", "shard0", "shard1", "shard1", "shard2", "shard2");
    assertThat(metadata.hosts("shard0")).containsExactly("h0a.example", "h0b.example");
    assertThat(metadata.hosts("shard2")).containsExactly("h2a.example");
    assertThat(metadata.version()).isEqualTo("collection=Timestamp{value=" + ((1704844800L << 32) | 7)
        + ", seconds=1704844800, inc=7}, chunks=6|5");
  }

  @Test
  void nsShapeOfOlderClustersGivesTheSameChunksAndAVersionFromTheEpoch() {
    ShardingMetadata current = parse(ORDERS_COLLECTION, ordersChunks(byUuid(), SHARDS), THREE_SHARDS);
    ShardingMetadata older = parse(ORDERS_COLLECTION_44, ordersChunks(byNs(ORDERS), SHARDS), THREE_SHARDS);

    assertThat(older.chunks()).isEqualTo(current.chunks());
    assertThat(older.version()).isEqualTo("collection=BsonObjectId{value=65a000000000000000000001}, chunks=6|5");
  }

  @Test
  void noCollectionEntryMeansNotSharded() {
    ShardingMetadata metadata = parse(null, List.of(), THREE_SHARDS);

    assertThat(metadata.state()).isEqualTo(ShardingMetadata.State.NOT_SHARDED);
    assertThat(metadata.version()).isNull();
    assertThat(metadata.chunks()).isEmpty();
  }

  @Test
  void droppedFlagOfOlderClustersMeansDropped() {
    String dropped = ORDERS_COLLECTION_44.replace("dropped: false", "dropped: true");

    ShardingMetadata metadata = parse(dropped, ordersChunks(byNs(ORDERS), SHARDS), THREE_SHARDS);

    assertThat(metadata.state()).isEqualTo(ShardingMetadata.State.DROPPED);
  }

  @Test
  void hostStringsBecomeHostNamesWithoutPortsOrReplicaSetName() {
    assertThat(ShardingMetadata.hostNames("rs/a:1,b:2,[::1]:3,c")).containsExactly("a", "b", "::1", "c");
  }

  @Test
  void missingShardKeyIsNamed() {
    assertThatThrownBy(() -> parse(ORDERS_COLLECTION.replace("key: {_id: 'hashed'},", ""), ordersChunks(byUuid(), SHARDS),
        THREE_SHARDS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Malformed sharding metadata for shop.orders: config.collections document has no shard key 'key'");
  }

  @Test
  void unknownShardKeyKindIsNamed() {
    assertThatThrownBy(() -> parse(ORDERS_COLLECTION.replace("'hashed'", "'2d'"), ordersChunks(byUuid(), SHARDS), THREE_SHARDS))
        .hasMessage("Malformed sharding metadata for shop.orders: shard key field '_id' is BsonString{value='2d'} "
            + "(expected 1, -1 or \"hashed\")");
  }

  @Test
  void chunkWithoutShardIsNamed() {
    List<BsonDocument> chunks = ordersChunks(byUuid(), SHARDS);
    chunks.get(0).remove("shard");

    assertThatThrownBy(() -> parse(ORDERS_COLLECTION, chunks, THREE_SHARDS))
        .hasMessageContaining("config.chunks document needs documents 'min' and 'max', a string 'shard' and a timestamp 'lastmod'");
  }

  @Test
  void chunkOnAShardThatConfigShardsDoesNotListIsNamed() {
    List<BsonDocument> chunks = ordersChunks(byUuid(), SHARDS);
    chunks.get(0).put("shard", new BsonString("shard9"));

    assertThatThrownBy(() -> parse(ORDERS_COLLECTION, chunks, THREE_SHARDS))
        .hasMessage("Malformed sharding metadata for shop.orders: chunk {\"_id\": 0} - {\"_id\": 3000000000000000000} is on "
            + "shard 'shard9', which config.shards does not list (shards: [shard0, shard1, shard2])");
  }

  @Test
  void aGapBetweenChunksIsNamed() {
    List<BsonDocument> chunks = ordersChunks(byUuid(), SHARDS);
    chunks.remove(0); // the chunk [0, 3e18)

    assertThatThrownBy(() -> parse(ORDERS_COLLECTION, chunks, THREE_SHARDS))
        .hasMessage("Malformed sharding metadata for shop.orders: no chunk starts at {\"_id\": 0}: the chunk ranges have a gap");
  }

  @Test
  void overlappingChunksAreNamed() {
    List<BsonDocument> chunks = new ArrayList<>(ordersChunks(byUuid(), SHARDS));
    BsonDocument copy = chunks.get(0).clone();
    copy.put("shard", new BsonString("shard2"));
    chunks.add(copy);

    assertThatThrownBy(() -> parse(ORDERS_COLLECTION, chunks, THREE_SHARDS))
        .hasMessage("Malformed sharding metadata for shop.orders: two chunks start at {\"_id\": 0} (shards shard1 and shard2)");
  }

  @Test
  void boundsOnOtherFieldsThanTheShardKeyAreNamed() {
    List<BsonDocument> chunks = ordersChunks(byUuid(), SHARDS);
    chunks.get(1).put("min", BsonDocument.parse("{user_id: {$minKey: 1}}"));

    assertThatThrownBy(() -> parse(ORDERS_COLLECTION, chunks, THREE_SHARDS))
        .hasMessage("Malformed sharding metadata for shop.orders: chunk bounds {\"user_id\": {\"$minKey\": 1}} - "
            + "{\"_id\": -6000000000000000000} do not have the shard key's fields [_id]");
  }

  @Test
  void aShardedCollectionWithoutChunksIsNamed() {
    assertThatThrownBy(() -> parse(ORDERS_COLLECTION, List.of(), THREE_SHARDS))
        .hasMessageStartingWith("Malformed sharding metadata for shop.orders: config.collections says the collection is "
            + "sharded, but config.chunks has no chunk for it");
  }

  @Test
  void chunksOfAnotherCollectionAreNamed() {
    assertThatThrownBy(() -> parse(ORDERS_COLLECTION, ordersChunks(byNs("shop.users"), SHARDS), THREE_SHARDS))
        .hasMessageContaining("config.chunks document belongs to another collection");
  }

  @Test
  void shardWithoutHostIsNamed() {
    assertThatThrownBy(() -> parse(ORDERS_COLLECTION, ordersChunks(byUuid(), SHARDS), "[{_id: 'shard0'}]"))
        .hasMessage("Malformed sharding metadata for shop.orders: config.shards document without string '_id' and 'host': "
            + "{\"_id\": \"shard0\"}");
  }
}
