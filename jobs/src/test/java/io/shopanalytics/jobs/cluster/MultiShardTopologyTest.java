package io.shopanalytics.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.shopanalytics.jobs.testing.CommandRun;
import io.shopanalytics.jobs.testing.EmbeddedMongoExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A sharded cluster as production has it, not Testcontainers' one-node {@code withSharding()}: a
 * config server, two shards that are each a replica set with a secondary, and a mongos, with
 * authentication. The loader shards and zones the collections; the job then reads with
 * {@code secondary} as a user who may read the shop database and write the analytics collections,
 * but not read {@code config.*}; a {@code moveRange} loop runs during the read. The outputs must equal
 * those of the same job on the embedded server over the same seeded data.
 *
 * <p>Needs Docker (skipped without it) and a few minutes: tagged {@code sharded-topology}, outside
 * the default build; run it with {@code mvn -o -Psharded-topology -pl jobs -am verify
 * -Dtest=MultiShardTopologyTest -Dsurefire.failIfNoSpecifiedTests=false} (see docs/ARCHITECTURE.md, reading a sharded cluster).
 */
@Tag("sharded-topology")
@Testcontainers(disabledWithoutDocker = true)
class MultiShardTopologyTest {
  private static final String IMAGE = "mongo:8.0";
  private static final String KEY = "c2hhcmRlZC10b3BvbG9neS10ZXN0LWtleWZpbGUtYmFzZTY0LWNvbnRlbnQ=";
  private static final String ADMIN = "admin:topology-admin";
  private static final String ANALYST = "analyst:topology-analyst";
  private static final List<String> LOAD = List.of("--users", "2000", "--products", "200", "--orders", "30000",
      "--seed", "13");
  private static final List<String> JOB = List.of("--from", "2024-01", "--to", "2024-12", "--as-of", "2025-01-01",
      "--partition-docs", "2000", "--read-strategy", "chunks");

  @RegisterExtension
  static final EmbeddedMongoExtension EMBEDDED = new EmbeddedMongoExtension();

  private static final Network NETWORK = Network.newNetwork();
  private static final List<GenericContainer<?>> STARTED = new ArrayList<>();
  private static GenericContainer<?> mongos;

  /** A mongod or mongos with the cluster's key file (readable by the mongodb user only, as mongod demands). */
  private static GenericContainer<?> node(String alias, String command) {
    GenericContainer<?> container = new GenericContainer<>(IMAGE)
        .withNetwork(NETWORK)
        .withNetworkAliases(alias)
        .withCopyToContainer(Transferable.of(KEY), "/tmp/key")
        .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("bash", "-c",
            "cp /tmp/key /data/key && chown mongodb /data/key && chmod 400 /data/key && exec docker-entrypoint.sh "
                + command + " --keyFile /data/key --bind_ip_all"))
        .waitingFor(Wait.forLogMessage(".*Waiting for connections.*", 1));
    container.start();
    STARTED.add(container);
    return container;
  }

  private static void mongosh(GenericContainer<?> container, int port, String script) throws Exception {
    ExecResult result = container.execInContainer("mongosh", "--quiet", "--port", String.valueOf(port), "--eval", script);
    assertThat(result.getExitCode()).as(script + "\n" + result.getStdout() + result.getStderr()).isZero();
  }

  private static void awaitPrimary(GenericContainer<?> container, int port) throws Exception {
    mongosh(container, port, "let i = 0; while (!db.hello().isWritablePrimary && i++ < 120) sleep(500);"
        + " if (!db.hello().isWritablePrimary) quit(1)");
  }

  @BeforeAll
  static void cluster() throws Exception {
    GenericContainer<?> config = node("cfg", "mongod --configsvr --replSet cfg --port 27019");
    mongosh(config, 27019, "rs.initiate({_id: 'cfg', configsvr: true, members: [{_id: 0, host: 'cfg:27019'}]})");
    awaitPrimary(config, 27019);
    for (String shard : List.of("shard0", "shard1")) {
      GenericContainer<?> primary = node(shard + "a", "mongod --shardsvr --replSet " + shard + " --port 27018");
      node(shard + "b", "mongod --shardsvr --replSet " + shard + " --port 27018");
      mongosh(primary, 27018, "rs.initiate({_id: '" + shard + "', members: [{_id: 0, host: '" + shard + "a:27018'}, "
          + "{_id: 1, host: '" + shard + "b:27018', priority: 0}]})");
      awaitPrimary(primary, 27018);
    }
    mongos = new GenericContainer<>(IMAGE)
        .withNetwork(NETWORK)
        .withNetworkAliases("mongos")
        .withExposedPorts(27017)
        .withCopyToContainer(Transferable.of(KEY), "/tmp/key")
        .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("bash", "-c",
            "cp /tmp/key /data/key && chown mongodb /data/key && chmod 400 /data/key && exec docker-entrypoint.sh "
                + "mongos --configdb cfg/cfg:27019 --port 27017 --keyFile /data/key --bind_ip_all"))
        .waitingFor(Wait.forLogMessage(".*Waiting for connections.*", 1));
    mongos.start();
    STARTED.add(mongos);
    // the localhost exception: the first user is created from inside the mongos container
    mongosh(mongos, 27017, "db.getSiblingDB('admin').createUser({user: 'admin', pwd: 'topology-admin', roles: ['root']})");
    try (MongoClient client = MongoClients.create(uri(ADMIN))) {
      MongoDatabase admin = client.getDatabase("admin");
      admin.runCommand(new Document("addShard", "shard0/shard0a:27018,shard0b:27018"));
      admin.runCommand(new Document("addShard", "shard1/shard1a:27018,shard1b:27018"));
      // read on the shop database; writes to the analytics collections only; nothing on config
      List<Document> writes = new ArrayList<>();
      for (String collection : List.of("product_analytics", "sales_analytics", "customer_analytics", "analytics_rejects")) {
        writes.add(new Document("resource", new Document("db", "shop").append("collection", collection))
            .append("actions", List.of("find", "insert", "update", "remove", "createIndex", "listIndexes")));
      }
      admin.runCommand(new Document("createRole", "analyticsWriter").append("privileges", writes).append("roles", List.of()));
      admin.runCommand(new Document("createUser", "analyst").append("pwd", "topology-analyst").append("roles", List.of(
          new Document("role", "read").append("db", "shop"), new Document("role", "analyticsWriter").append("db", "admin"))));
    }
    if (System.getProperty("spark.master") == null) {
      System.setProperty("spark.master", "local[2]");
    }
  }

  @AfterAll
  static void stop() {
    STARTED.forEach(GenericContainer::stop);
    NETWORK.close();
  }

  private static String uri(String credentials) {
    return "mongodb://" + credentials + "@" + mongos.getHost() + ":" + mongos.getMappedPort(27017) + "/?authSource=admin";
  }

  private static List<String> args(String... first) {
    return new ArrayList<>(List.of(first));
  }

  @Test
  void theJobReadsFromSecondariesWithoutConfigAccessThroughMigrationsAndMatchesTheEmbeddedServer() throws Exception {
    List<String> load = args("load", "--uri", uri(ADMIN), "--database", "shop");
    load.addAll(LOAD);
    CommandRun loaded = CommandRun.of(load.toArray(String[]::new));
    assertThat(loaded.exitCode()).as(loaded.toString()).isZero();
    List<String> embeddedLoad = args("load", "--uri", EMBEDDED.uri(), "--database", "shop");
    embeddedLoad.addAll(LOAD);
    assertThat(CommandRun.of(embeddedLoad.toArray(String[]::new)).exitCode()).isZero();

    try (MongoClient admin = MongoClients.create(uri(ADMIN))) {
      BsonDocument zones = admin.getDatabase("config").getCollection("tags", BsonDocument.class).find().first();
      assertThat(zones).as("the loader zoned products").isNotNull();
      assertThat(admin.getDatabase("config").getCollection("chunks").distinct("shard", String.class)
          .into(new ArrayList<>())).containsExactlyInAnyOrder("shard0", "shard1");

      AtomicBoolean reading = new AtomicBoolean(true);
      AtomicInteger moves = new AtomicInteger();
      Thread balancer = new Thread(() -> {
        // a range of orders moves back and forth while the job reads
        for (int round = 0; reading.get(); round++) {
          try {
            admin.getDatabase("admin").runCommand(new Document("moveRange", "shop.orders")
                .append("min", new Document("_id", (long) 1 << 40)).append("toShard", round % 2 == 0 ? "shard0" : "shard1"));
            moves.incrementAndGet();
          } catch (RuntimeException e) {
            // already on that shard, or a migration in progress: try the other way
          }
        }
      });
      balancer.start();
      List<String> job = args("all", "--uri", uri(ANALYST), "--database", "shop", "--read-preference", "secondary");
      job.addAll(JOB);
      CommandRun run;
      try {
        run = CommandRun.of(job.toArray(String[]::new));
      } finally {
        reading.set(false);
        balancer.join();
      }
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(moves.get()).as("migrations during the read").isPositive();
    }

    List<String> embeddedJob = args("all", "--uri", EMBEDDED.uri(), "--database", "shop");
    embeddedJob.addAll(JOB);
    assertThat(CommandRun.of(embeddedJob.toArray(String[]::new)).exitCode()).isZero();
    try (MongoClient admin = MongoClients.create(uri(ADMIN))) {
      AnalyticsSnapshot cluster = AnalyticsSnapshot.of(admin.getDatabase("shop"));
      assertThat(cluster.size()).isPositive();
      cluster.assertEqualTo(AnalyticsSnapshot.of(EMBEDDED.database("shop")));
    }
  }
}
