package io.shopanalytics.jobs.cli;

import io.shopanalytics.common.config.ConfigException;
import io.shopanalytics.common.config.Secrets;
import io.shopanalytics.common.run.RunSummary;
import io.shopanalytics.jobs.analytics.AnalyticsOutput;
import io.shopanalytics.jobs.load.LoadCommand;
import io.shopanalytics.jobs.report.ReportCommand;
import io.shopanalytics.jobs.stream.StreamCommand;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The one entry point of the application jar: {@code spark-submit ... shop-analytics-jobs.jar <job> [options]}. */
@Command(name = "shop-analytics", mixinStandardHelpOptions = true, version = "shop-analytics 0.1.0",
    description = "Spark analytics for the shop's MongoDB cluster: batch jobs, and a stream that keeps them current.",
    subcommands = {
        LoadCommand.class,
        ShowCommand.class,
        ReportCommand.class,
        StreamCommand.class,
    })
public final class ShopAnalytics implements Runnable {
  private static final Logger LOG = LogManager.getLogger(ShopAnalytics.class);
  /** Exit code of a run that failed. */
  public static final int FAILED = 1;
  /** Exit code of invalid options or configuration ({@link ConfigException}): not worth retrying. */
  public static final int INVALID_OPTIONS = 2;
  /**
   * Exit code of a run that found its outputs' scopes held by another run for the whole lock wait
   * and did nothing: retry later (sysexits' EX_TEMPFAIL). Its summary's status is {@code busy}.
   */
  public static final int BUSY = 75;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "Missing job: one of "
        + new CommandLine(this).getSubcommands().keySet());
  }

  /** The command tree: the loader and the analytics jobs. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new ShopAnalytics());
    for (AnalyticsOutput output : AnalyticsOutput.values()) {
      AnalyticsCommand job = AnalyticsCommand.of(output);
      commandLine.addSubcommand(job.name(), job);
      describe(commandLine, job.name(), output.description() + " Writes " + output.collection() + ".");
    }
    AnalyticsCommand all = AnalyticsCommand.all();
    commandLine.addSubcommand(all.name(), all);
    describe(commandLine, all.name(), "The three analytics in one application: orders are read and validated once, "
        + "then product, sales and customer analytics are computed and written concurrently.");
    return commandLine;
  }

  private static void describe(CommandLine commandLine, String job, String description) {
    commandLine.getSubcommands().get(job).getCommandSpec().usageMessage().description(description);
  }

  /** Runs a job and returns its exit code: 0 success, 1 failed run, 2 invalid options, 75 busy. */
  public static int execute(String... args) {
    return execute(commandLine(), args);
  }

  /** {@link #execute(String...)} on a given command tree (its error stream, in tests). */
  public static int execute(CommandLine commandLine, String... args) {
    commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
      // the failure is reported once, masked, and turned into a non-zero exit: never swallowed
      LOG.error("{} failed", cmd.getCommandName(), exception);
      cmd.getErr().println("ERROR: " + cmd.getCommandName() + " failed: "
          + Secrets.mask(RunSummary.withoutStackTrace(exception.getMessage())));
      return exception instanceof ConfigException ? INVALID_OPTIONS : FAILED;
    });
    return commandLine.execute(args);
  }

  public static void main(String[] args) {
    int exitCode = execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }
}
