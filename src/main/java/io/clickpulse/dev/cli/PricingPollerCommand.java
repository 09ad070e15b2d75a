package io.clickpulse.dev.cli;

import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.local.DemandStreamPoller;
import io.clickpulse.pricing.PriceStore;
import io.clickpulse.pricing.PricingHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * {@code clickpulse pricing-poller}: the pricing handler on the local stack's product_demand
 * stream, until stopped ({@code stack up} starts it in the background and {@code stack down} stops
 * it). The demo runs the same poller in its own process.
 */
final class PricingPollerCommand {
  private final Path projectDir;

  PricingPollerCommand(Path projectDir) {
    this.projectDir = projectDir;
  }

  /** A poller on the given config's tables (the caller closes it, then the clients). */
  static DemandStreamPoller poller(
      ClickpulseConfig config,
      Path projectDir,
      DynamoDbClient dynamo,
      DynamoDbStreamsClient streams,
      String changedBy,
      Consumer<String> log) {
    PricingHandler handler =
        new PricingHandler(
            new PriceStore(
                dynamo,
                config.tables().products(),
                config.tables().priceHistory(),
                config.pricing(),
                Clock.systemUTC()),
            changedBy,
            o -> {},
            log);
    return new DemandStreamPoller(
        dynamo,
        streams,
        config.tables().productDemand(),
        handler,
        projectDir.resolve(config.pricing().pollerState()),
        log);
  }

  int run(List<String> args) throws InterruptedException {
    ClickpulseConfig config = CommandContext.load(projectDir, args, true).config();
    AwsClients clients = new AwsClients(config.aws());
    CountDownLatch stopped = new CountDownLatch(1);
    try (DynamoDbClient dynamo = clients.dynamoDb();
        DynamoDbStreamsClient streams = clients.dynamoDbStreams();
        DemandStreamPoller poller =
            poller(config, projectDir, dynamo, streams, "local-poller", System.out::println)) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    poller.close();
                    stopped.countDown();
                  },
                  "clickpulse-pricing-poller-stop"));
      System.out.println(
          "pricing poller: reading the stream of "
              + config.tables().productDemand()
              + " every "
              + config.pricing().pollInterval()
              + "; position in "
              + projectDir.resolve(config.pricing().pollerState()));
      poller.start(config.pricing().pollInterval());
      stopped.await();
    }
    return 0;
  }
}
