package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentOutputsTest {

  @Test
  void outputsRunTogetherAndGiveTheirTypedValues() {
    StepTimer timer = new StepTimer();
    CountDownLatch both = new CountDownLatch(2);
    try (ConcurrentOutputs outputs = new ConcurrentOutputs(timer)) {
      ConcurrentOutputs.Started<Integer> a =
          outputs.start(
              "a",
              () -> {
                both.countDown();
                return both.await(10, TimeUnit.SECONDS) ? 1 : -1; // only if b runs at the same time
              });
      ConcurrentOutputs.Started<String> b =
          outputs.start(
              "b",
              () -> {
                both.countDown();
                return both.await(10, TimeUnit.SECONDS) ? "two" : "alone";
              });
      outputs.awaitAll();
      assertThat(a.value()).isEqualTo(1);
      assertThat(b.value()).isEqualTo("two");
    }
    assertThat(timer.toString()).contains("a=", "b=", "outputs (concurrent)=");
  }

  @Test
  void aFailureFailsTheBatchWithItsCauseAndCancelsTheOthers() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    try (ConcurrentOutputs outputs = new ConcurrentOutputs(new StepTimer())) {
      outputs.start(
          "broken",
          () -> {
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            throw new IOException("disk gone");
          });
      outputs.start("slow", () -> sleepUntilCancelled(running, interrupted));
      assertThatThrownBy(outputs::awaitAll)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("output broken failed")
          .hasCauseInstanceOf(IOException.class);
    }
    assertThat(interrupted.await(10, TimeUnit.SECONDS))
        .as("the slow output was cancelled")
        .isTrue();
  }

  @Test
  void aStopWhileWaitingCancelsTheOutputsAndReadsAsAnInterruptedWrite() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    try (ConcurrentOutputs outputs = new ConcurrentOutputs(new StepTimer())) {
      outputs.start("slow", () -> sleepUntilCancelled(running, interrupted));
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
      // what StreamingQuery.stop does to the query's thread
      Thread.currentThread().interrupt();
      try {
        // Spark's StreamExecution.isInterruptionException: a stop, not a query failure
        assertThatThrownBy(outputs::awaitAll)
            .isInstanceOf(UncheckedIOException.class)
            .hasCauseInstanceOf(InterruptedIOException.class)
            .hasRootCauseInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).as("interrupt kept").isTrue();
      } finally {
        Thread.interrupted();
      }
    }
    assertThat(interrupted.await(10, TimeUnit.SECONDS))
        .as("the slow output was cancelled")
        .isTrue();
  }

  @Test
  void aRuntimeFailureIsRethrownAsIs() {
    try (ConcurrentOutputs outputs = new ConcurrentOutputs(new StepTimer())) {
      outputs.start(
          "broken",
          () -> {
            throw new IllegalArgumentException("bad rows");
          });
      assertThatThrownBy(outputs::awaitAll)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("bad rows");
    }
  }

  @Test
  void nothingStartedIsNothingToWaitFor() {
    StepTimer timer = new StepTimer();
    try (ConcurrentOutputs outputs = new ConcurrentOutputs(timer)) {
      outputs.awaitAll();
    }
    assertThat(timer.toString()).isEqualTo("{}");
  }

  /** An output that says it runs, then sleeps until it is cancelled (an interrupt). */
  private static Void sleepUntilCancelled(CountDownLatch running, CountDownLatch interrupted) {
    running.countDown();
    try {
      Thread.sleep(30_000);
    } catch (InterruptedException e) {
      interrupted.countDown();
    }
    return null;
  }
}
