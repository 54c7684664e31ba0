package io.shopanalytics.common.lease;

/**
 * A write refused because the run no longer holds its lease: it expired (a long pause, a partition)
 * and another run took the scope over. Never retried: the other run's documents win.
 */
public final class FencedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public FencedException(String message) {
    super(message);
  }
}
