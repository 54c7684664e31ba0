package io.shopanalytics.jobs.stream;

import io.shopanalytics.common.config.ConfigException;
import io.shopanalytics.common.config.LeaseSettings;
import io.shopanalytics.common.config.MongoSettings;
import io.shopanalytics.common.config.ReadSettings;
import io.shopanalytics.common.config.SettingKeys;
import io.shopanalytics.common.config.StreamSettings;
import io.shopanalytics.common.run.SparkSessions;
import io.shopanalytics.common.time.AsOf;
import io.shopanalytics.jobs.options.ConnectionOptions;
import io.shopanalytics.jobs.options.ReadOptions;
import io.shopanalytics.jobs.options.SparkProperties;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** {@code stream}: keeps the three analytics collections current from the change stream of orders. */
@Command(name = "stream", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Keeps product, sales and customer analytics current from the change stream of orders (a Spark "
            + "Structured Streaming query): each micro-batch recomputes the months its changes touched, and customer "
            + "analytics at most every --customers-every-seconds. Needs a replica set or a sharded cluster (through "
            + "mongos), or the dev server.",
        "Prints a JSON line when it starts listening and one per micro-batch. SIGTERM stops it after the current "
            + "batch (exit 0); restarted on the same --checkpoint, it catches up with every change made meanwhile."})
public final class StreamCommand implements Callable<Integer> {
  private static final List<String> STOP_SIGNALS = List.of("TERM", "INT");

  @Mixin ConnectionOptions connection;
  @Mixin ReadOptions read;

  @Option(names = "--checkpoint", paramLabel = "DIR", required = true,
      description = "Spark's checkpoint folder of the stream (a path, or hdfs://, s3a:// ... on a cluster): where "
          + "it resumes. One folder per stream; never two streams on one folder.")
  String checkpoint;

  @Option(names = "--trigger-seconds", paramLabel = "N",
      description = "Seconds between micro-batches. Default: " + SettingKeys.STREAM_TRIGGER_SECONDS + ", else "
          + SettingKeys.DEFAULT_STREAM_TRIGGER_SECONDS + ".")
  Integer triggerSeconds;

  @Option(names = "--customers-every-seconds", paramLabel = "N",
      description = "The shortest time between two recomputations of customer analytics (each reads every order "
          + "up to --as-of). Default: " + SettingKeys.STREAM_CUSTOMERS_EVERY_SECONDS + ", else "
          + SettingKeys.DEFAULT_STREAM_CUSTOMERS_EVERY_SECONDS + ".")
  Integer customersEverySeconds;

  @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
      description = "Customer analytics count orders created on or before this UTC day. Default: yesterday (UTC), "
          + "moving on with the calendar.")
  String asOf;

  @Option(names = "--lock-wait", paramLabel = "DURATION",
      description = "How long one attempt of a batch waits for a run writing the same months (a backfill); the "
          + "batch then tries again, until it has them. Default: " + SettingKeys.LEASE_LOCK_WAIT + ", else "
          + SettingKeys.DEFAULT_LEASE_LOCK_WAIT + ".")
  String lockWait;

  Clock clock = Clock.systemUTC();
  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    StreamRequest request = request(read.applyTo(SparkProperties.submitted()));
    StreamJob job = new StreamJob(SparkSessions.getOrCreate("shop-analytics stream"), clock, out);
    Map<Signal, SignalHandler> previous = onStopSignals(job);
    try {
      job.run(request);
      return 0;
    } finally {
      previous.forEach(Signal::handle);
    }
  }

  /** The options, validated and fixed for the stream. */
  StreamRequest request(Map<String, String> conf) {
    MongoSettings settings = connection.settings(conf, System.getenv());
    StreamSettings stream = StreamSettings.fromConf(conf);
    if (triggerSeconds != null) {
      stream = stream.withTrigger(Duration.ofSeconds(triggerSeconds));
    }
    if (customersEverySeconds != null) {
      stream = stream.withCustomersEvery(Duration.ofSeconds(customersEverySeconds));
    }
    LeaseSettings leases = LeaseSettings.fromConf(conf);
    if (lockWait != null) {
      leases = leases.withLockWait(LeaseSettings.duration("--lock-wait", lockWait));
    }
    if (checkpoint.isBlank()) {
      throw new ConfigException("--checkpoint must name a folder");
    }
    AsOf fixed;
    try {
      fixed = asOf == null ? null : AsOf.parse(asOf);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    return new StreamRequest(settings, ReadSettings.fromConf(conf), leases, stream, checkpoint, fixed);
  }

  /**
   * SIGTERM (a scheduler, Kubernetes, YARN stopping the driver) and SIGINT (Ctrl-C) stop the stream
   * after its current batch; a second one stops the JVM at once, as the signal would have.
   */
  private static Map<Signal, SignalHandler> onStopSignals(StreamJob job) {
    Map<Signal, SignalHandler> previous = new ConcurrentHashMap<>();
    for (String name : STOP_SIGNALS) {
      Signal signal = new Signal(name);
      previous.put(signal, Signal.handle(signal, received -> {
        SignalHandler before = previous.get(received);
        Signal.handle(received, before);
        System.err.println("stream: SIG" + received.getName() + ": stopping after the current batch "
            + "(send it again to stop at once)");
        job.stop();
      }));
    }
    return previous;
  }
}
