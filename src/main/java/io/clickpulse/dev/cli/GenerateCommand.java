package io.clickpulse.dev.cli;

import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.ConfigException;
import io.clickpulse.dev.generate.ClickstreamGenerator;
import io.clickpulse.dev.generate.GeneratorConfig;
import io.clickpulse.dev.generate.KinesisPutRecords;
import io.clickpulse.dev.generate.SendReport;
import io.clickpulse.dev.seed.Product;
import io.clickpulse.dev.seed.ProductCatalog;
import io.clickpulse.dev.seed.SeedConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code clickpulse generate --rate R --seconds N | --count N}: short names for the generate.*
 * keys.
 */
final class GenerateCommand {
  private static final Set<String> SHORT =
      Set.of(
          "rate",
          "seconds",
          "count",
          "seed",
          "start-time",
          "malformed-share",
          "duplicate-share",
          "late-share",
          "unknown-product-share",
          "late-by",
          "report");

  private final Path projectDir;

  GenerateCommand(Path projectDir) {
    this.projectDir = projectDir;
  }

  int run(List<String> args) {
    ClickpulseConfig config =
        CommandContext.load(projectDir, expandShortNames(args), false).config();
    SendReport report = generate(config, System.out::println);
    Path file = projectDir.resolve(GeneratorConfig.from(config.settings()).report());
    report.write(file);
    System.out.println(
        "generator: done, "
            + report.records()
            + " records ("
            + report.validEvents()
            + " distinct valid events); report in "
            + file);
    return 0;
  }

  static SendReport generate(ClickpulseConfig config, Consumer<String> progress) {
    AwsClients clients = new AwsClients(config.aws());
    try (DynamoDbClient dynamo = clients.dynamoDb();
        KinesisClient kinesis = clients.kinesis()) {
      List<Product> catalog = ProductCatalog.scan(dynamo, config.tables().products());
      if (catalog.isEmpty()) {
        throw new ConfigException(
            "table '"
                + config.tables().products()
                + "' is empty: run ./clickpulse bootstrap first");
      }
      return new ClickstreamGenerator(
              GeneratorConfig.from(config.settings()),
              catalog,
              SeedConfig.from(config.settings()).users(),
              new KinesisPutRecords(kinesis),
              config.stream().name(),
              Clock.systemUTC(),
              progress)
          .run();
    }
  }

  static List<String> expandShortNames(List<String> args) {
    List<String> out = new ArrayList<>(args.size());
    for (String a : args) {
      String name = a.startsWith("--") ? a.substring(2).split("=", 2)[0] : null;
      out.add(name != null && SHORT.contains(name) ? "--generate." + a.substring(2) : a);
    }
    return out;
  }
}
