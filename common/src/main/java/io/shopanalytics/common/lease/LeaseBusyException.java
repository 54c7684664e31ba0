package io.shopanalytics.common.lease;

/** Another run held one of the scopes for the whole lock wait: this run did nothing and may be retried later. */
public final class LeaseBusyException extends Exception {
  private static final long serialVersionUID = 1L;

  public LeaseBusyException(String message) {
    super(message);
  }
}
