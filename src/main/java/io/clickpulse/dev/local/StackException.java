package io.clickpulse.dev.local;

/** The local stack cannot start or is not running; the message says what to do. */
public final class StackException extends RuntimeException {
  public StackException(String message) {
    super(message);
  }
}
