package io.shopanalytics.common.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunSummaryTest {
  @Test
  void aFailedTasksTraceIsLeftToTheLog() {
    String sparkAbort = "Job aborted due to stage failure: Task 0 in stage 102.0 failed 4 times, most recent failure:"
        + " Lost task 0.3 (127.0.0.1 executor 1): java.lang.IllegalStateException: Writing 100 documents to"
        + " shop.customer_analytics failed after 6 attempt(s): MongoTimeoutException code -3: Timed out"
        + "\n\tat io.shopanalytics.common.sink.BulkWrites.flush(BulkWrites.java:136)"
        + "\nCaused by: com.mongodb.MongoTimeoutException: Timed out\n\t... 18 more\n\nDriver stacktrace:";

    assertThat(RunSummary.withoutStackTrace(sparkAbort)).isEqualTo(sparkAbort.substring(0, sparkAbort.indexOf('\n')));
  }

  @Test
  void aMessageWithoutTraceIsKeptWhole() {
    assertThat(RunSummary.withoutStackTrace("cannot reach MongoDB at mongodb://127.0.0.1:1\nsecond line"))
        .isEqualTo("cannot reach MongoDB at mongodb://127.0.0.1:1\nsecond line");
    assertThat(RunSummary.withoutStackTrace(null)).isEqualTo("null");
  }
}
