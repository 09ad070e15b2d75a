package io.clickpulse.dev.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to start one emulator and tell when it is ready: the command, its environment, the endpoint
 * clients use, and a probe URL that answers once the server accepts requests (with readyStatus, and
 * readyBody in its body when given; no probe: the port accepts connections).
 */
public record Emulator(
    String name,
    List<String> command,
    Map<String, String> env,
    URI endpoint,
    URI probe,
    int readyStatus,
    String readyBody) {

  public Emulator(
      String name,
      List<String> command,
      Map<String, String> env,
      URI endpoint,
      URI probe,
      int readyStatus) {
    this(name, command, env, endpoint, probe, readyStatus, null);
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  public ManagedProcess start(Path stateDir) {
    if (!FreePort.listening(endpoint.getPort())) {
      return ManagedProcess.start(
          name,
          command,
          env,
          stateDir.resolve(name),
          stateDir.resolve("logs").resolve(name + ".log"));
    }
    throw new StackException(
        name
            + ": port "
            + endpoint.getPort()
            + " on 127.0.0.1 is already taken"
            + " (another stack running? try ./clickpulse stack status, or set stack."
            + name
            + "-port=0)");
  }

  /** True once the probe answers with the expected status. */
  public boolean ready() {
    if (probe == null) {
      return FreePort.listening(endpoint.getPort());
    }
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == readyStatus && (readyBody == null || r.body().contains(readyBody));
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
