package io.clickpulse.alert;

import java.util.List;

/**
 * Where a sessions batch's alerts go once its files are written ({@link AlertSinks#from}). Delivery
 * is at least once (a replayed batch sends the same {@link SessionAlert#alertId}s again) and never
 * fails the batch: what could not be delivered after bounded attempts is counted and logged.
 */
public interface AlertSink extends AutoCloseable {
  /** Delivers the alerts, in order; returns how many were delivered and how many failed. */
  Delivery deliver(List<SessionAlert> alerts);

  @Override
  default void close() {}

  /** The outcome of one batch's delivery. */
  record Delivery(int delivered, int failed) {
    public static final Delivery NONE = new Delivery(0, 0);
  }

  /** alerts.sink=none: alerts stay in the lake's alert files and the metrics. */
  AlertSink NONE = alerts -> Delivery.NONE;
}
