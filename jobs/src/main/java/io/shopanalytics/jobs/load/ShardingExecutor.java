package io.shopanalytics.jobs.load;

import com.mongodb.client.MongoDatabase;
import java.io.PrintWriter;
import org.bson.BsonDocument;

/** Runs a {@link ShardingPlan} on the admin database, one command at a time, failing on the first error. */
final class ShardingExecutor {
  private ShardingExecutor() {}

  static void apply(MongoDatabase admin, ShardingPlan plan, PrintWriter err) {
    if (plan.skipped()) {
      err.println("load: sharding skipped: " + plan.skipReason() + "; loading unsharded collections");
      return;
    }
    for (BsonDocument command : plan.commands()) {
      admin.runCommand(command);
      err.println("load: sharding: " + command.toJson());
    }
  }
}
