package io.shopanalytics.jobs.cluster;

/** The interval of the tests' polling loops. */
final class Pause {
  private Pause() {}

  static void briefly() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
