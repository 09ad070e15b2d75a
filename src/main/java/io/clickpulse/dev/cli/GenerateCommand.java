package io.clickpulse.dev.cli;

import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.ConfigException;
import io.clickpulse.dev.generate.ClickstreamGenerator;
import io.clickpulse.dev.generate.CollectorPutRecords;
import io.clickpulse.dev.generate.GeneratorConfig;
import io.clickpulse.dev.generate.KinesisPutRecords;
import io.clickpulse.dev.generate.ProducerMix;
import io.clickpulse.dev.generate.PutRecordsApi;
import io.clickpulse.dev.generate.SendReport;
import io.clickpulse.dev.generate.SplitPutRecords;
import io.clickpulse.dev.local.LocalStack;
import io.clickpulse.dev.local.StackConfig;
import io.clickpulse.dev.seed.Product;
import io.clickpulse.dev.seed.ProductCatalog;
import io.clickpulse.dev.seed.SeedConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
          "report",
          "collector-share",
          "producers",
          "pixel-share",
          "app-share",
          "ui-share");

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
    StringBuilder perProducer = new StringBuilder();
    GeneratorConfig.from(config.settings())
        .producerShares()
        .keySet()
        .forEach(
            p ->
                perProducer
                    .append(", ")
                    .append(ProducerMix.shape(p))
                    .append(' ')
                    .append(report.validEvents(p)));
    System.out.println(
        "generator: done, "
            + report.records()
            + " records ("
            + report.validEvents()
            + " distinct valid events"
            + perProducer
            + "); report in "
            + file);
    return 0;
  }

  static SendReport generate(ClickpulseConfig config, Consumer<String> progress) {
    return generate(config, progress, collectorPath(config));
  }

  /**
   * The HTTP path for generate.collector-share, if any: generate.collector-endpoint, else the
   * running local stack's collector.
   */
  static Optional<CollectorPutRecords> collectorPath(ClickpulseConfig config) {
    GeneratorConfig g = GeneratorConfig.from(config.settings());
    if (g.collectorShare() == 0) {
      return Optional.empty();
    }
    URI endpoint =
        g.collectorEndpoint()
            .or(
                () ->
                    LocalStack.read(
                            Path.of(System.getProperty("clickpulse.projectDir", "."))
                                .resolve(StackConfig.from(config.settings()).dir())
                                .toAbsolutePath()
                                .normalize())
                        .flatMap(st -> st.endpoints().collector()))
            .orElseThrow(
                () ->
                    new ConfigException(
                        "config key 'generate.collector-share' is above 0 but no collector is"
                            + " known: set generate.collector-endpoint, or start the stack"));
    return Optional.of(new CollectorPutRecords(endpoint));
  }

  /** Sends the configured traffic; with {@code http}, its share through the collector. */
  static SendReport generate(
      ClickpulseConfig config, Consumer<String> progress, Optional<CollectorPutRecords> http) {
    GeneratorConfig g = GeneratorConfig.from(config.settings());
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
      PutRecordsApi direct = new KinesisPutRecords(kinesis);
      PutRecordsApi api =
          http.<PutRecordsApi>map(h -> new SplitPutRecords(direct, h, g.collectorShare()))
              .orElse(direct);
      http.ifPresent(
          h ->
              progress.accept(
                  "generator: "
                      + Math.round(g.collectorShare() * 100)
                      + " % of the valid records through the collector at "
                      + h.endpoint()));
      return new ClickstreamGenerator(
              g,
              catalog,
              SeedConfig.from(config.settings()).users(),
              api,
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
