package io.shopanalytics.jobs.stream;

/**
 * Thrown out of a micro-batch that was waiting for another run's leases when the stream was asked
 * to stop: the batch is left uncommitted, to be done first at the next start.
 */
final class StreamStopped extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StreamStopped(long batchId) {
    super("Stopped while batch " + batchId + " waited for another run's leases; it is done again at the next start");
  }
}
