package io.shopanalytics.common.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void objectIdsAreLowercaseHexInByteOrder() {
    ObjectId id = new ObjectId("65a1b2c3d4e5f60718293a4b");
    assertThat(Ids.encode(new BsonObjectId(id))).isEqualTo("65a1b2c3d4e5f60718293a4b");
    assertThat(Ids.decode("65a1b2c3d4e5f60718293a4b")).isEqualTo(new BsonObjectId(id));
    assertThat(Ids.encode(new BsonObjectId(new ObjectId("0a00000000000000000000ff"))))
        .isLessThan(Ids.encode(new BsonObjectId(new ObjectId("ff00000000000000000000aa"))));
  }

  @Test
  void otherIdTypesRoundTripWithoutBeingMistakenForHex() {
    BsonString hexLooking = new BsonString("65a1b2c3d4e5f60718293a4b");
    assertThat(Ids.encode(hexLooking)).isEqualTo("json:\"65a1b2c3d4e5f60718293a4b\"");
    assertThat(Ids.decode(Ids.encode(hexLooking))).isEqualTo(hexLooking);
    assertThat(Ids.decode(Ids.encode(new BsonInt64(42)))).isEqualTo(new BsonInt64(42));
  }
}
