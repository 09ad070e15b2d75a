package io.clickpulse.dev.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback ports: pick a free one, check whether something listens. */
public final class FreePort {
  public static final String LOOPBACK = "127.0.0.1";

  private FreePort() {}

  public static int pick() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + LOOPBACK, e);
    }
  }

  public static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(LOOPBACK, port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
