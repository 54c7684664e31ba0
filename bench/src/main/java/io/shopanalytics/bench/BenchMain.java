package io.shopanalytics.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The benchmark's entry point, outside the application jar: {@code submit/bench.sh} runs it with the
 * project's own Spark jars and a local master.
 */
@Command(name = "shop-analytics-bench", mixinStandardHelpOptions = true,
    description = "Benchmarks of the analytics suite (see docs/PERFORMANCE.md).",
    subcommands = {BenchCommand.class, ReadStrategyBench.class, QueryLatencyBench.class, StreamLatencyBench.class,
        TrafficCommand.class})
public final class BenchMain implements Runnable {
  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "Missing command: one of "
        + new CommandLine(this).getSubcommands().keySet());
  }

  public static void main(String[] args) {
    int exitCode = new CommandLine(new BenchMain()).execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }
}
