package io.clickpulse.dev.cli;

import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.ConfigException;
import io.clickpulse.dev.collect.CollectorConfig;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.FreePort;
import io.clickpulse.dev.local.LocalStack;
import io.clickpulse.dev.local.ManagedProcess;
import io.clickpulse.dev.local.StackConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code clickpulse stack up|status|down}. */
final class StackCommand {
  private final Path projectDir;

  StackCommand(Path projectDir) {
    this.projectDir = projectDir;
  }

  int run(List<String> args) {
    if (args.isEmpty()) {
      throw new ConfigException("stack: expected up, status or down");
    }
    List<String> rest = args.subList(1, args.size());
    ClickpulseConfig config = ClickpulseConfig.fromArgs(rest);
    Path stateDir = CommandContext.stateDir(projectDir, StackConfig.from(config.settings()));
    return switch (args.get(0)) {
      case "up" -> up(config, rest);
      case "status" -> status(stateDir);
      case "down" -> down(stateDir);
      default ->
          throw new ConfigException(
              "stack: expected up, status or down, got '" + args.get(0) + "'");
    };
  }

  private int up(ClickpulseConfig config, List<String> rest) {
    LocalStack stack =
        LocalStack.start(
            StackConfig.from(config.settings()),
            projectDir,
            Credentials.local(config),
            System.out::println);
    try {
      new Bootstrap(ClickpulseConfig.fromArgs(stack.endpoints().before(rest)), System.out::println)
          .run();
      startPricingPoller(stack, rest);
      startCollector(stack, rest);
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
    stack.detach();
    printEndpoints(stack);
    System.out.println("stack: running; stop it with ./clickpulse stack down");
    return 0;
  }

  /**
   * The Lambda stand-in: the pricing poller in its own JVM, on the CLI's classpath, part of the
   * stack.
   */
  private void startPricingPoller(LocalStack stack, List<String> rest) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "-Dclickpulse.projectDir=" + projectDir,
                "io.clickpulse.dev.cli.Main",
                "pricing-poller"));
    command.addAll(rest);
    Path log = stack.stateDir().resolve("logs/pricing-poller.log");
    ManagedProcess poller = ManagedProcess.start("pricing", command, Map.of(), projectDir, log);
    stack.adopt(poller);
    poller.awaitReady(
        () -> {
          try {
            return Files.exists(log) && Files.readString(log).contains("pricing poller: reading");
          } catch (IOException e) {
            return false;
          }
        },
        Duration.ofSeconds(60));
    System.out.println("stack: pricing poller (Lambda stand-in) running, log " + log);
  }

  /**
   * The HTTP collector in its own JVM, part of the stack; its ports are picked here, so that
   * stack.json can say where it answers.
   */
  private void startCollector(LocalStack stack, List<String> rest) {
    CollectorConfig c = CollectorConfig.from(ClickpulseConfig.fromArgs(rest).settings());
    int port = c.port() == 0 ? FreePort.pick() : c.port();
    int shopPort = c.shopPort() == 0 ? FreePort.pick() : c.shopPort();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "-Dclickpulse.projectDir=" + projectDir,
                "io.clickpulse.dev.cli.Main",
                "collector"));
    command.addAll(rest);
    command.addAll(
        List.of(
            "--collector.port",
            String.valueOf(port),
            "--collector.shop-port",
            String.valueOf(shopPort)));
    Path log = stack.stateDir().resolve("logs/collector.log");
    ManagedProcess collector =
        ManagedProcess.start("collector", command, Map.of(), projectDir, log);
    URI events = URI.create("http://" + FreePort.LOOPBACK + ":" + port + "/events");
    URI shop = URI.create("http://" + FreePort.LOOPBACK + ":" + shopPort + "/shop/");
    stack.adoptCollector(collector, events, shop);
    collector.awaitReady(
        () -> {
          try {
            return Files.exists(log) && Files.readString(log).contains(CollectorCommand.READY);
          } catch (IOException e) {
            return false;
          }
        },
        Duration.ofSeconds(60));
    System.out.println("stack: collector (HTTP ingest) running, log " + log);
  }

  private static int status(Path stateDir) {
    Optional<LocalStack> stack = LocalStack.read(stateDir);
    if (stack.isEmpty()) {
      System.out.println("stack: not running (no state in " + stateDir + ")");
      return 3;
    }
    boolean allAlive = true;
    for (ManagedProcess p : stack.get().processes()) {
      boolean alive = p.alive();
      allAlive &= alive;
      System.out.printf(
          "stack: %-8s pid %-7d %s  log %s%n",
          p.name(), p.pid(), alive ? "running" : "DEAD", p.log());
    }
    printEndpoints(stack.get());
    if (!allAlive) {
      System.out.println("stack: some emulators died; ./clickpulse stack down, then up again");
      return 1;
    }
    return 0;
  }

  private static int down(Path stateDir) {
    Optional<LocalStack> stack = LocalStack.read(stateDir);
    if (stack.isEmpty()) {
      System.out.println("stack: not running");
      return 0;
    }
    stack.get().close();
    long left = stack.get().processes().stream().filter(ManagedProcess::alive).count();
    if (left > 0) {
      System.err.println("stack: " + left + " processes did not stop");
      return 1;
    }
    System.out.println("stack: stopped " + stack.get().processes().size() + " processes");
    return 0;
  }

  static void printEndpoints(LocalStack stack) {
    System.out.println("endpoints (" + stack.stateDir().resolve(LocalStack.STATE_FILE) + "):");
    System.out.println("  kinesis   " + stack.endpoints().kinesis());
    System.out.println("  dynamodb  " + stack.endpoints().dynamodb());
    System.out.println("  s3        " + stack.endpoints().s3());
    stack.endpoints().collector().ifPresent(c -> System.out.println("  collector " + c));
    stack.endpoints().shop().ifPresent(c -> System.out.println("  shop      " + c));
  }
}
