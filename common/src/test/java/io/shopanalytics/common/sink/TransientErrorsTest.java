package io.shopanalytics.common.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.WriteConcernError;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransientErrorsTest {
  private static final ServerAddress SERVER = new ServerAddress("db1", 27017);

  private static MongoCommandException command(int code) {
    return new MongoCommandException(new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(code))
        .append("errmsg", new BsonString("code " + code)), SERVER);
  }

  private static WriteConcernError concernError(int code, String name) {
    return new WriteConcernError(code, name, name, new BsonDocument());
  }

  private static MongoBulkWriteException bulk(List<BulkWriteError> errors, WriteConcernError concern) {
    return new MongoBulkWriteException(BulkWriteResult.unacknowledged(), errors, concern, SERVER, Set.of());
  }

  @ParameterizedTest(name = "code {0} is retried")
  @ValueSource(ints = {133, 134, 462, 13388, 91, 11602})
  void theServersPassingStatesAreRetried(int code) {
    assertThat(TransientErrors.isTransient(command(code))).isTrue();
    assertThat(TransientErrors.isTransient(new MongoException(code, "x"))).isTrue();
    assertThat(TransientErrors.isTransient(bulk(List.of(new BulkWriteError(code, "x", new BsonDocument(), 0)), null)))
        .isTrue();
  }

  @ParameterizedTest(name = "code {0} is never retried")
  @ValueSource(ints = {79, 100})
  void anUnsatisfiableWriteConcernIsAConfigurationErrorWhateverItsShape(int code) {
    assertThat(TransientErrors.isTransient(command(code))).isFalse();
    assertThat(TransientErrors.isTransient(new MongoWriteConcernException(concernError(code, "Unsatisfiable"), SERVER)))
        .as("a write concern exception, which is otherwise retried").isFalse();
    assertThat(TransientErrors.isTransient(bulk(List.of(), concernError(code, "Unsatisfiable")))).isFalse();
  }

  @Test
  void aWriteConcernTimeoutIsRetriedAndADataErrorIsNot() {
    assertThat(TransientErrors.isTransient(new MongoWriteConcernException(concernError(64, "WriteConcernFailed"), SERVER)))
        .isTrue();
    assertThat(TransientErrors.isTransient(bulk(List.of(), concernError(64, "WriteConcernFailed")))).isTrue();
    assertThat(TransientErrors.isTransient(command(2))).isFalse();
    assertThat(TransientErrors.isTransient(bulk(List.of(new BulkWriteError(121, "validation", new BsonDocument(), 0)),
        null))).isFalse();
  }
}
