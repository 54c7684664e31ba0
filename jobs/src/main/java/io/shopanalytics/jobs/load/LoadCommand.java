package io.shopanalytics.jobs.load;

import picocli.CommandLine.Command;

/** Placeholder until the loader lands. */
@Command(name = "load", mixinStandardHelpOptions = true, description = "Seeds users, products and orders.")
public final class LoadCommand implements Runnable {
  @Override
  public void run() {
    throw new UnsupportedOperationException("load is not implemented yet");
  }
}
