package io.clickpulse.dev.cli;

import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.collect.Collector;
import io.clickpulse.dev.collect.CollectorConfig;
import io.clickpulse.dev.collect.KinesisStreamPut;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code clickpulse collector}: POST /events into the running stack's stream, and the demo shop,
 * until stopped ({@code stack up} starts it in the background, {@code stack down} stops it).
 */
final class CollectorCommand {
  /** The line {@code stack up} waits for; the two URIs follow it. */
  static final String READY = "collector: taking events at ";

  private static final Duration STATS_EVERY = Duration.ofSeconds(10);

  private final Path projectDir;

  CollectorCommand(Path projectDir) {
    this.projectDir = projectDir;
  }

  /**
   * A collector on the config's stream (the caller closes it, then the client). Calls give up after
   * 5 s in all, so a hung Kinesis fails events within a request's response timeout.
   */
  static Collector start(
      ClickpulseConfig config, Path projectDir, KinesisClient kinesis, Consumer<String> log) {
    CollectorConfig c = CollectorConfig.from(config.settings());
    Collector collector =
        Collector.start(
            c,
            new KinesisStreamPut(kinesis),
            config.stream().name(),
            projectDir.resolve(c.staticDir()));
    log.accept(
        READY
            + collector.eventsEndpoint()
            + " (stream "
            + config.stream().name()
            + "); shop at "
            + collector.shopEndpoint()
            + "shop/");
    return collector;
  }

  static KinesisClient kinesis(ClickpulseConfig config) {
    return AwsClients.withShortTimeouts(config.aws(), Duration.ofSeconds(5)).kinesis();
  }

  int run(List<String> args) throws InterruptedException {
    ClickpulseConfig config = CommandContext.load(projectDir, args, true).config();
    CountDownLatch stopped = new CountDownLatch(1);
    try (KinesisClient kinesis = kinesis(config);
        Collector collector = start(config, projectDir, kinesis, System.out::println)) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    stopped.countDown();
                    collector.close();
                  },
                  "clickpulse-collector-stop"));
      String last = "";
      while (!stopped.await(STATS_EVERY.toSeconds(), TimeUnit.SECONDS)) {
        String now = collector.stats().toString();
        if (!now.equals(last)) {
          System.out.println("collector: " + now);
          last = now;
        }
      }
    }
    return 0;
  }
}
