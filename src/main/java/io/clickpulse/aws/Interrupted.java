package io.clickpulse.aws;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;

/**
 * What a batch step throws when its thread is interrupted while it waits on its outputs: a query's
 * stop interrupts its thread, and Spark takes an interrupted I/O (unlike any other exception,
 * StreamExecution.isInterruptionException) for a stop rather than a query failure. In this package,
 * which every layer may use, because the waits it ends are mostly on AWS calls (DynamoDB writes).
 */
public final class Interrupted {
  private Interrupted() {}

  /** Keeps the thread's interrupt and returns the exception to throw; {@code what}: the step. */
  public static UncheckedIOException whileWriting(String what, InterruptedException e) {
    Thread.currentThread().interrupt();
    InterruptedIOException stop = new InterruptedIOException("interrupted while writing " + what);
    stop.initCause(e);
    return new UncheckedIOException(stop);
  }
}
