package io.clickpulse.dev.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.local.StreamContents.StoredRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code clickpulse stack up} as a user runs it: the collector is one of the stack's processes,
 * stack.json says where it answers, an event posted there reaches the stack's stream, and {@code
 * stack down} stops it with the rest.
 */
class StackUpCollectorTest {
  private static final String EVENT =
      "{\"timestamp\":\"2026-11-21T10:00:00Z\",\"user_id\":\"u-stack-up\",\"pixel_id\":\"px\","
          + "\"click_id\":\"c-stack-up-1\",\"event_name\":\"PageView\",\"page_url\":\"https://shop.example/\"}";

  @Test
  void stackUpRunsTheCollectorIntoTheStacksStream() throws Exception {
    Path stateDir = TestStack.PROJECT_DIR.resolve("target/test-stack/up-" + System.nanoTime());
    Files.createDirectories(stateDir.getParent());
    List<String> options =
        List.of(
            "--stack.dir",
            stateDir.toString(),
            "--stack.s3-backend",
            "transient",
            "--stack.athena",
            "false");
    assertThat(cli(stateDir, "up", options)).as("stack up exit code").isZero();
    LocalStack stack = LocalStack.read(stateDir).orElseThrow();
    try {
      URI collector = stack.endpoints().collector().orElseThrow();
      assertThat(stack.processes()).anyMatch(p -> p.alive() && p.name().equals("collector"));
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(collector)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(EVENT))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(answer.body()).contains("\"accepted\":1");

      ClickpulseConfig config = ClickpulseConfig.fromArgs(stack.endpoints().before(options));
      try (KinesisClient kinesis = new AwsClients(config.aws()).kinesis()) {
        List<StoredRecord> stored = StreamContents.readAll(kinesis, config.stream().name());
        assertThat(stored)
            .anySatisfy(
                r -> {
                  assertThat(new String(r.data(), StandardCharsets.UTF_8)).isEqualTo(EVENT);
                  assertThat(r.partitionKey()).isEqualTo("u-stack-up");
                });
      }
    } finally {
      assertThat(cli(stateDir, "down", options)).as("stack down exit code").isZero();
    }
    assertThat(stack.processes()).noneMatch(ManagedProcess::alive);
  }

  private static int cli(Path stateDir, String action, List<String> options) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Emulators.javaBinary(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dclickpulse.projectDir=" + TestStack.PROJECT_DIR,
                "io.clickpulse.dev.cli.Main",
                "stack",
                action));
    command.addAll(options);
    Process cli =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                stateDir.resolveSibling(stateDir.getFileName() + "-" + action + ".log").toFile())
            .start();
    if (!cli.waitFor(240, TimeUnit.SECONDS)) {
      cli.destroyForcibly();
      return -1;
    }
    return cli.exitValue();
  }
}
