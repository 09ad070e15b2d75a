package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.FreePort;
import io.clickpulse.dev.local.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The streaming job's start-up checks against the real emulators (DynamoDB Local, kinesis-mock,
 * S3).
 */
class StartupChecksTest {
  private static ClickpulseConfig ready;

  @BeforeAll
  static void bootstrap() {
    ready = TestStack.config();
    new Bootstrap(ready, s -> {}).run();
  }

  private static String failure(ClickpulseConfig c) {
    Throwable t = catchThrowable(() -> StartupChecks.checkResources(c));
    assertThat(t).isInstanceOf(StartupChecks.Failed.class);
    return t.getMessage();
  }

  @Test
  void passesWhenStreamTablesAndBucketExist() {
    assertThatCode(() -> StartupChecks.checkResources(ready)).doesNotThrowAnyException();
    assertThat(StartupChecks.tables(ready))
        .containsKeys(
            "dynamodb.table.products",
            "dynamodb.table.orders",
            "dynamodb.table.users",
            "dynamodb.table.product-demand",
            "dynamodb.table.sessions");
    assertThat(
            StartupChecks.tables(
                TestStack.plus(
                    ready, "--sessions.mode", "stagger", "--enrich.user-profile.enabled", "false")))
        .as("stagger mode writes its items to the sessions table too")
        .containsKey("dynamodb.table.sessions")
        .doesNotContainKey("dynamodb.table.users");
    assertThat(StartupChecks.tables(TestStack.plus(ready, "--sessions.enabled", "false")))
        .doesNotContainKey("dynamodb.table.sessions");
  }

  @Test
  void aMissingTableFailsNamingItsKey() {
    String message =
        failure(
            TestStack.plus(
                ready,
                "--dynamodb.table.product-demand",
                "no_such_demand",
                "--dynamodb.table.sessions",
                "no_such_sessions"));
    assertThat(message)
        .contains(
            "DynamoDB table 'no_such_demand' (config key dynamodb.table.product-demand, from argument"
                + " --dynamodb.table.product-demand) does not exist")
        .contains("'no_such_sessions' (config key dynamodb.table.sessions")
        .contains("config key aws.dynamodb.endpoint")
        .doesNotContain("dynamodb.table.products");
  }

  @Test
  void aMissingStreamOrBucketFailsNamingItsKey() {
    String message =
        failure(
            TestStack.plus(
                ready, "--kinesis.stream", "no-such-stream", "--lake.bucket", "no-such-lake"));
    assertThat(message)
        .contains(
            "Kinesis stream 'no-such-stream' (config key kinesis.stream, from argument --kinesis.stream) does not exist")
        .contains(
            "lake bucket 'no-such-lake' (config key lake.bucket, from argument --lake.bucket) does not exist");
  }

  @Test
  void unreachableEndpointsFailFastNamingTheirKeys() {
    String nobody = "http://127.0.0.1:" + FreePort.pick();
    long t0 = System.nanoTime();
    String message =
        failure(
            TestStack.plus(
                ready,
                "--aws.dynamodb.endpoint",
                nobody,
                "--aws.kinesis.endpoint",
                nobody,
                "--aws.s3.endpoint",
                nobody));
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    assertThat(message)
        .contains(
            "no answer from Kinesis at "
                + nobody
                + " (config key aws.kinesis.endpoint, from argument --aws.kinesis.endpoint)")
        .contains("no answer from DynamoDB at " + nobody + " (config key aws.dynamodb.endpoint")
        .contains("no answer from S3 at " + nobody + " (config key aws.s3.endpoint");
    // one DynamoDB attempt stands for all tables; each service gives up well within its timeout
    assertThat(message.split("no answer from DynamoDB", -1)).hasSize(2);
    assertThat(seconds).isLessThan(3 * StartupChecks.CALL_TIMEOUT.toSeconds());
  }
}
