package io.shopanalytics.common.sink;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.bulk.BulkWriteError;
import java.util.Set;

/** Which write failures are worth retrying: the server or the network, not the data. */
final class TransientErrors {
  private static final int DUPLICATE_KEY = 11000;
  /**
   * Step-down, shutdown, not-primary, interrupted and time-limit codes that resolve by themselves;
   * also 133 FailedToSatisfyReadPreference (no eligible member, until an election ends), 134
   * ReadConcernMajorityNotAvailableYet, 462 IngressRequestRateLimitExceeded and 13388 StaleConfig
   * (a shard's routing table is being refreshed).
   */
  private static final Set<Integer> TRANSIENT_CODES =
      Set.of(6, 7, 64, 89, 91, 133, 134, 189, 262, 462, 9001, 10107, 11600, 11602, 13388, 13435, 13436);
  /**
   * 79 UnknownReplWriteConcern and 100 UnsatisfiableWriteConcern: the configured write concern names
   * a tag set or more members than the cluster has. Retrying cannot help, whatever the error's class.
   */
  private static final Set<Integer> CONFIGURATION_CODES = Set.of(79, 100);

  private TransientErrors() {}

  static boolean isTransient(MongoException error) {
    if (isConfigurationError(error)) {
      return false;
    }
    if (error instanceof MongoSocketException || error instanceof MongoTimeoutException
        || error instanceof MongoNotPrimaryException || error instanceof MongoNodeIsRecoveringException
        || error instanceof MongoWriteConcernException) {
      return true;
    }
    if (error.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
        || error.hasErrorLabel("RetryableWriteError")) {
      return true;
    }
    if (error instanceof MongoBulkWriteException) {
      MongoBulkWriteException bulk = (MongoBulkWriteException) error;
      if (bulk.getWriteConcernError() != null && bulk.getWriteErrors().isEmpty()) {
        return true;
      }
      // two concurrent upserts of one new key: the loser gets a duplicate key; running it again updates
      return !bulk.getWriteErrors().isEmpty() && bulk.getWriteErrors().stream()
          .allMatch(e -> e.getCode() == DUPLICATE_KEY || TRANSIENT_CODES.contains(e.getCode()));
    }
    return TRANSIENT_CODES.contains(error.getCode());
  }

  private static boolean isConfigurationError(MongoException error) {
    if (CONFIGURATION_CODES.contains(error.getCode())) {
      return true;
    }
    if (error instanceof MongoWriteConcernException) {
      return CONFIGURATION_CODES.contains(((MongoWriteConcernException) error).getWriteConcernError().getCode());
    }
    if (error instanceof MongoBulkWriteException) {
      MongoBulkWriteException bulk = (MongoBulkWriteException) error;
      return (bulk.getWriteConcernError() != null && CONFIGURATION_CODES.contains(bulk.getWriteConcernError().getCode()))
          || bulk.getWriteErrors().stream().anyMatch(e -> CONFIGURATION_CODES.contains(e.getCode()));
    }
    return false;
  }

  static String describe(MongoException error) {
    if (error instanceof MongoBulkWriteException) {
      MongoBulkWriteException bulk = (MongoBulkWriteException) error;
      BulkWriteError first = bulk.getWriteErrors().isEmpty() ? null : bulk.getWriteErrors().get(0);
      return "bulk write failed: " + bulk.getWriteErrors().size() + " write errors"
          + (first == null ? "" : " (first: code " + first.getCode() + " " + first.getMessage() + ")")
          + (bulk.getWriteConcernError() == null ? "" : ", write concern error " + bulk.getWriteConcernError().getMessage());
    }
    return error.getClass().getSimpleName() + " code " + error.getCode() + ": " + error.getMessage();
  }
}
