package io.clickpulse.dev.local;

import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.generate.ClickstreamGenerator;
import io.clickpulse.dev.generate.GeneratorConfig;
import io.clickpulse.dev.generate.KinesisPutRecords;
import io.clickpulse.dev.generate.SendReport;
import io.clickpulse.dev.seed.ProductCatalog;
import io.clickpulse.dev.seed.SeedConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The generator and the job's command line for tests on the shared stack. */
public final class TestTraffic {
  private TestTraffic() {}

  /**
   * Sends simulated shoppers to the test's stream, with the test's config plus these generate.*
   * arguments.
   */
  public static SendReport send(
      ClickpulseConfig c, KinesisClient kinesis, DynamoDbClient dynamo, String... generatorArgs) {
    ClickpulseConfig g = TestStack.plus(c, generatorArgs);
    return new ClickstreamGenerator(
            GeneratorConfig.from(g.settings()),
            ProductCatalog.scan(dynamo, c.tables().products()),
            SeedConfig.from(c.settings()).users(),
            new KinesisPutRecords(kinesis),
            c.stream().name(),
            Clock.systemUTC(),
            s -> {})
        .run();
  }

  /** The config's arguments as the job's command line ({@code --key value} …). */
  public static List<String> jobArguments(ClickpulseConfig c) {
    List<String> args = new ArrayList<>();
    c.arguments()
        .values()
        .forEach(
            (k, v) -> {
              args.add("--" + k);
              args.add(v);
            });
    return args;
  }
}
