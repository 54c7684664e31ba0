package io.shopanalytics.common.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchesInFlightTest {
  @Test
  void neverMoreThanTheLimitUnansweredAndEveryDocumentCounted() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    try (BatchesInFlight inFlight = new BatchesInFlight(3, "test")) {
      for (int i = 1; i <= 20; i++) {
        int size = i;
        inFlight.send(() -> {
          mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
          Thread.sleep(5);
          running.decrementAndGet();
          return size;
        });
        assertThat(running.get()).isLessThanOrEqualTo(3);
      }
      assertThat(inFlight.awaitAll()).isEqualTo(210);
    }
    assertThat(mostAtOnce.get()).isEqualTo(3);
  }

  @Test
  void twoBatchesAreOnTheirWayTogether() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    try (BatchesInFlight inFlight = new BatchesInFlight(2, "test")) {
      for (int i = 0; i < 2; i++) {
        inFlight.send(() -> {
          both.countDown();
          // answers only once the other batch is on its way too
          return both.await(10, TimeUnit.SECONDS) ? 1 : 0;
        });
      }
      assertThat(inFlight.awaitAll()).isEqualTo(2);
    }
  }

  @Test
  void aFailedBatchFailsTheNextSendOrTheWait() throws Exception {
    try (BatchesInFlight inFlight = new BatchesInFlight(1, "test")) {
      inFlight.send(() -> {
        throw new IllegalStateException("E11000 duplicate key");
      });
      assertThatThrownBy(() -> inFlight.send(() -> 1)).isInstanceOf(IllegalStateException.class)
          .hasMessage("E11000 duplicate key");
    }
    try (BatchesInFlight inFlight = new BatchesInFlight(2, "test")) {
      inFlight.send(() -> 1);
      inFlight.send(() -> {
        throw new java.io.IOException("connection reset");
      });
      assertThatThrownBy(inFlight::awaitAll).isInstanceOf(IllegalStateException.class)
          .hasMessage("A bulk write failed").hasRootCauseMessage("connection reset");
    }
  }
}
