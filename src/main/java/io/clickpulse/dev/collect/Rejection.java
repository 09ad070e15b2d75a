package io.clickpulse.dev.collect;

/**
 * Why a whole request is refused before anything is written: the HTTP status, a stable code for
 * programs and a message for people.
 */
public record Rejection(int status, String code, String message) {
  static Rejection badRequest(String code, String message) {
    return new Rejection(400, code, message);
  }

  static Rejection tooLarge(String code, String message) {
    return new Rejection(413, code, message);
  }
}
