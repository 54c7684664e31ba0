package io.shopanalytics.common.source.reader;

import com.mongodb.ClientSessionOptions;
import com.mongodb.MongoClientException;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCursor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bson.BsonTimestamp;

/**
 * A read that sees at least a cluster time: a causally consistent session whose operation time is
 * advanced to it, so that its {@code find} carries {@code readConcern.afterClusterTime} and a
 * secondary answers only once it has applied the oplog that far. A server without sessions (the
 * embedded stand-in) has no secondary to lag behind: the read goes without.
 */
final class CausalReads {
  private CausalReads() {}

  /**
   * @param afterClusterTime a BSON timestamp's value, 0 for a plain read
   * @param inSession opens the cursor within the session
   * @param plain opens it without one
   */
  static <T> MongoCursor<T> open(MongoClient client, long afterClusterTime,
      Function<ClientSession, MongoCursor<T>> inSession, Supplier<MongoCursor<T>> plain) {
    if (afterClusterTime == 0) {
      return plain.get();
    }
    ClientSession session = client.startSession(ClientSessionOptions.builder().causallyConsistent(true).build());
    session.advanceOperationTime(new BsonTimestamp(afterClusterTime));
    try {
      return new SessionCursor<>(inSession.apply(session), session);
    } catch (MongoClientException noSessions) {
      session.close();
      if (!String.valueOf(noSessions.getMessage()).contains("support sessions")) {
        throw noSessions;
      }
      return plain.get();
    }
  }

  /** A cursor that ends its session when it is closed. */
  private record SessionCursor<T>(MongoCursor<T> cursor, ClientSession session) implements MongoCursor<T> {
    @Override
    public void close() {
      try {
        cursor.close();
      } finally {
        session.close();
      }
    }

    @Override
    public boolean hasNext() {
      return cursor.hasNext();
    }

    @Override
    public T next() {
      return cursor.next();
    }

    @Override
    public int available() {
      return cursor.available();
    }

    @Override
    public T tryNext() {
      return cursor.tryNext();
    }

    @Override
    public com.mongodb.ServerCursor getServerCursor() {
      return cursor.getServerCursor();
    }

    @Override
    public com.mongodb.ServerAddress getServerAddress() {
      return cursor.getServerAddress();
    }
  }
}
