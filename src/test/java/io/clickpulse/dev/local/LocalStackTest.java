package io.clickpulse.dev.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.runtime.LibraryProperties;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/** Start and stop of real emulators: loopback only, nothing left behind, clear failures. */
class LocalStackTest {

  private static ClickpulseConfig fresh(String... extra) {
    return withAthena(false, extra);
  }

  private static ClickpulseConfig withAthena(boolean athena, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--stack.dir",
                TestStack.PROJECT_DIR
                    .resolve("target/test-stack/own-" + System.nanoTime())
                    .toString(),
                "--stack.s3-backend",
                "transient",
                "--stack.athena",
                String.valueOf(athena)));
    args.addAll(List.of(extra));
    return ClickpulseConfig.fromArgs(args);
  }

  /** Listening TCP sockets of the given PIDs, as "address:port" (from ss). */
  static Set<String> listeningSockets(Set<Long> pids) throws Exception {
    Process ss = new ProcessBuilder("ss", "-ltnpH").redirectErrorStream(true).start();
    String out = new String(ss.getInputStream().readAllBytes());
    ss.waitFor();
    return out.lines()
        .filter(l -> pids.stream().anyMatch(pid -> l.contains("pid=" + pid + ",")))
        .map(l -> l.trim().split("\\s+")[3])
        .collect(Collectors.toSet());
  }

  /**
   * The load path: kinesalite on loopback takes a full PutRecords call (500 entries; its CBOR
   * answers are cut off after 16 KB, so the clients must speak JSON) and the shards list.
   */
  @Test
  void kinesaliteTakesFullPutRecordsCallsOnLoopback() throws Exception {
    ClickpulseConfig stackConfig = fresh("--stack.kinesis-emulator", "kinesalite");
    try (LocalStack stack =
        LocalStack.start(
            StackConfig.from(stackConfig.settings()),
            TestStack.PROJECT_DIR,
            stackConfig.aws().staticCredentials().orElseThrow(),
            s -> {})) {
      ClickpulseConfig c =
          ClickpulseConfig.fromArgs(stack.endpoints().before(List.of("--kinesis.stream", "load")));
      LibraryProperties.apply(c);
      Set<Long> pids =
          stack.processes().stream().map(ManagedProcess::pid).collect(Collectors.toSet());
      assertThat(listeningSockets(pids)).isNotEmpty().allMatch(a -> a.startsWith("127.0.0.1:"));
      try (var kinesis = new AwsClients(c.aws()).kinesis()) {
        kinesis.createStream(b -> b.streamName("load").shardCount(2));
        for (int i = 0;
            i < 50
                && !kinesis
                    .describeStreamSummary(b -> b.streamName("load"))
                    .streamDescriptionSummary()
                    .streamStatusAsString()
                    .equals("ACTIVE");
            i++) {
          Thread.sleep(100);
        }
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
          entries.add(
              PutRecordsRequestEntry.builder()
                  .partitionKey("u" + i)
                  .data(SdkBytes.fromUtf8String("{\"n\":" + i + "}"))
                  .build());
        }
        var put = kinesis.putRecords(b -> b.streamName("load").records(entries));
        assertThat(put.failedRecordCount()).isZero();
        assertThat(put.records()).hasSize(500).allMatch(r -> r.sequenceNumber() != null);
        assertThat(kinesis.listShards(b -> b.streamName("load")).shards()).hasSize(2);
      }
    }
  }

  @Test
  void upListensOnLoopbackOnlyAndDownLeavesNoProcess() throws Exception {
    // with the Athena stand-in: the metastore and Trino must stay on loopback too
    ClickpulseConfig c = withAthena(true);
    LocalStack stack =
        LocalStack.start(
            StackConfig.from(c.settings()),
            TestStack.PROJECT_DIR,
            c.aws().staticCredentials().orElseThrow(),
            s -> {});
    Set<Long> pids = new HashSet<>();
    List<ProcessHandle> all = new ArrayList<>();
    for (ManagedProcess p : stack.processes()) {
      ProcessHandle h = p.handle().orElseThrow();
      all.add(h);
      h.descendants().forEach(all::add);
    }
    all.forEach(h -> pids.add(h.pid()));
    try {
      Set<String> sockets = listeningSockets(pids);
      assertThat(sockets)
          .hasSizeGreaterThanOrEqualTo(3)
          .allSatisfy(
              s -> assertThat(s).matches("(127\\.0\\.0\\.1|\\[::ffff:127\\.0\\.0\\.1\\]):\\d+"));
      assertThat(sockets)
          .anySatisfy(s -> assertThat(s).endsWith(":" + stack.endpoints().kinesis().getPort()));
      assertThat(sockets)
          .anySatisfy(
              s ->
                  assertThat(s)
                      .endsWith(":" + stack.endpoints().metastore().orElseThrow().getPort()));
      assertThat(sockets)
          .anySatisfy(
              s -> assertThat(s).endsWith(":" + stack.endpoints().trino().orElseThrow().getPort()));
      // not reachable on any non-loopback address of this machine
      for (InetAddress a : nonLoopbackAddresses()) {
        try (Socket s = new Socket()) {
          assertThatThrownBy(
                  () ->
                      s.connect(
                          new InetSocketAddress(a, stack.endpoints().dynamodb().getPort()), 500))
              .isInstanceOf(IOException.class);
        }
      }
      // the state file names the stack for later commands
      assertThat(LocalStack.read(stack.stateDir()))
          .get()
          .extracting(LocalStack::endpoints)
          .isEqualTo(stack.endpoints());
    } finally {
      stack.close();
    }
    assertThat(all).noneMatch(ProcessHandle::isAlive);
    assertThat(LocalStack.read(stack.stateDir())).isEmpty();
  }

  @Test
  void portAlreadyTakenFailsClearlyAndLeavesNothingRunning() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      ClickpulseConfig c = fresh("--stack.s3-port", String.valueOf(taken.getLocalPort()));
      Set<Long> before = childPids();
      assertThatThrownBy(
              () ->
                  LocalStack.start(
                      StackConfig.from(c.settings()),
                      TestStack.PROJECT_DIR,
                      c.aws().staticCredentials().orElseThrow(),
                      s -> {}))
          .isInstanceOf(StackException.class)
          .hasMessageContaining("port " + taken.getLocalPort())
          .hasMessageContaining("already taken");
      assertThat(newLiveChildren(before)).isEmpty();
    }
  }

  @Test
  void missingEmulatorInstallFailsClearlyAndStartsNothing() {
    ClickpulseConfig c = fresh();
    Set<Long> before = childPids();
    assertThatThrownBy(
            () ->
                LocalStack.start(
                    new StackConfigOverride(c).withMissingTools(),
                    TestStack.PROJECT_DIR,
                    c.aws().staticCredentials().orElseThrow(),
                    s -> {}))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("not installed")
        .hasMessageContaining("./clickpulse setup");
    assertThat(newLiveChildren(before)).isEmpty();
  }

  @Test
  void processThatExitsDuringStartUpIsReportedWithItsLog(@TempDir Path dir) {
    ManagedProcess p =
        ManagedProcess.start(
            "broken",
            List.of("sh", "-c", "echo 'cannot bind: boom'; exit 3"),
            Map.of(),
            dir,
            dir.resolve("broken.log"));
    assertThatThrownBy(() -> p.awaitReady(() -> false, Duration.ofSeconds(20)))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("broken exited during start-up")
        .hasMessageContaining("cannot bind: boom");
  }

  @Test
  void secondStackOnTheSameStateDirIsRefused() {
    LocalStack shared = TestStack.get();
    ClickpulseConfig c = fresh("--stack.dir", shared.stateDir().toString());
    assertThatThrownBy(
            () ->
                LocalStack.start(
                    StackConfig.from(c.settings()),
                    TestStack.PROJECT_DIR,
                    c.aws().staticCredentials().orElseThrow(),
                    s -> {}))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("already running");
  }

  private record StackConfigOverride(ClickpulseConfig c) {
    StackConfig withMissingTools() {
      var s = StackConfig.from(c.settings());
      return new StackConfig(
          s.dir(),
          Path.of("target/no-tools-here"),
          s.kinesisEmulator(),
          s.kinesisPort(),
          s.dynamodbPort(),
          s.s3Port(),
          s.persistentS3(),
          s.startTimeout(),
          s.athena(),
          s.metastorePort(),
          s.trinoPort(),
          s.trinoJavaHome(),
          s.athenaStartTimeout());
    }
  }

  private static Set<Long> childPids() {
    return ProcessHandle.current()
        .descendants()
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }

  private static List<ProcessHandle> newLiveChildren(Set<Long> before) {
    return ProcessHandle.current()
        .descendants()
        .filter(h -> !before.contains(h.pid()) && h.isAlive())
        .filter(h -> !h.info().command().orElse("").endsWith("/ss"))
        .toList();
  }

  private static List<InetAddress> nonLoopbackAddresses() throws Exception {
    List<InetAddress> out = new ArrayList<>();
    for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (ni.isUp() && !ni.isLoopback()) {
        Collections.list(ni.getInetAddresses()).stream()
            .filter(a -> a instanceof Inet4Address)
            .forEach(out::add);
      }
    }
    return out;
  }
}
