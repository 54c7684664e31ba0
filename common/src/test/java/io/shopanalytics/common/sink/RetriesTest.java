package io.shopanalytics.common.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoException;
import com.mongodb.MongoTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetriesTest {
  private final AtomicInteger attempts = new AtomicInteger();

  @Test
  void aTransientErrorCostsAPauseAndTheNextAttemptsResultIsReturned() throws Exception {
    long removed = Retries.run("removing stale documents of shop.x", 2, () -> {
      if (attempts.incrementAndGet() == 1) {
        throw new MongoTimeoutException("Timed out while waiting for a server");
      }
      return 7L;
    });

    assertThat(removed).isEqualTo(7L);
    assertThat(attempts).hasValue(2);
  }

  @Test
  void anErrorOfTheDataFailsAtOnceNamingTheActionWithTheUriMasked() {
    assertThatThrownBy(() -> Retries.run("counting the documents inserted into shop.x", 5, () -> {
      attempts.incrementAndGet();
      throw new MongoException(2, "bad query at mongodb://reader:s3cret@db1:27017");
    })).isInstanceOf(IllegalStateException.class)
        .hasMessage("Counting the documents inserted into shop.x failed after 1 attempt(s): MongoException code 2: "
            + "bad query at mongodb://reader:****@db1:27017");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void transientErrorsBeyondTheRetriesFailWithTheNumberOfAttempts() {
    assertThatThrownBy(() -> Retries.run("creating the indexes of shop.x", 1, () -> {
      attempts.incrementAndGet();
      throw new MongoException(91, "shutdown in progress");
    })).hasMessage("Creating the indexes of shop.x failed after 2 attempt(s): MongoException code 91: shutdown in progress");
    assertThat(attempts).hasValue(2);
  }
}
