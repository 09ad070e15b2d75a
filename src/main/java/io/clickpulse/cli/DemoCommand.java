package io.clickpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.aws.StreamRecords;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.generate.SendReport;
import io.clickpulse.local.Bootstrap;
import io.clickpulse.local.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code clickpulse demo}: a private local stack under target/demo, bootstrap, a generator run
 * with a few injected faults, then a check of what reached the stream; writes summary.json and
 * stops the stack. The user's own arguments override the demo's defaults.
 */
final class DemoCommand {
  private static final List<String> DEMO_DEFAULTS = List.of(
      "--stack.dir", "target/demo/stack",
      "--generate.rate", "200", "--generate.seconds", "15",
      "--generate.malformed-share", "0.02", "--generate.duplicate-share", "0.02",
      "--generate.late-share", "0.01", "--generate.unknown-product-share", "0.01",
      "--generate.report", "target/demo/generator-report.json");

  private final Path projectDir;

  DemoCommand(Path projectDir) {
    this.projectDir = projectDir;
  }

  int run(List<String> userArgs) {
    List<String> args = new ArrayList<>(DEMO_DEFAULTS);
    args.addAll(GenerateCommand.expandShortNames(userArgs));
    ClickpulseConfig base = ClickpulseConfig.fromArgs(args);
    Path demoDir = projectDir.resolve("target/demo");
    System.out.println("demo: 1/4 starting the local stack (Kinesis, DynamoDB, S3 on 127.0.0.1)");
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("started_at", Instant.now().toString());
    try (LocalStack stack = LocalStack.start(base.stack(), projectDir, Credentials.local(base), System.out::println)) {
      List<String> withEndpoints = new ArrayList<>(stack.endpoints().asArguments());
      withEndpoints.addAll(args);
      ClickpulseConfig config = ClickpulseConfig.fromArgs(withEndpoints);

      System.out.println("demo: 2/4 bootstrap: stream, tables, bucket, seed catalog");
      new Bootstrap(config, System.out::println).run();

      System.out.println("demo: 3/4 generating clickstream traffic");
      SendReport sent = GenerateCommand.generate(config, System.out::println);
      sent.write(projectDir.resolve(config.generator().report()));

      System.out.println("demo: 4/4 reading the stream back");
      int inStream;
      try (KinesisClient kinesis = new AwsClients(config.aws()).kinesis()) {
        inStream = StreamRecords.readAll(kinesis, config.stream().name()).size();
      }
      summary.put("sent", sent.toMap());
      summary.put("stages", Map.of("kinesis_stream", Map.of(
          "stream", config.stream().name(), "records", inStream, "matches_sent", inStream == sent.records())));
      summary.put("outputs", Map.of(
          "generator_report", projectDir.resolve(config.generator().report()).toString(),
          "stack_logs", stack.stateDir().resolve("logs").toString(),
          "s3_data", stack.stateDir().resolve("s3/data").toString()));
      summary.put("finished_at", Instant.now().toString());
      Path file = demoDir.resolve("summary.json");
      write(file, summary);
      System.out.println();
      System.out.printf("demo: sent %d records (%d distinct valid events; faults: %d malformed, %d duplicate, %d late,"
          + " %d unknown product)%n", sent.records(), sent.validEvents(),
          malformed(sent), sent.fault(io.clickpulse.generate.OutgoingRecord.Fault.DUPLICATE),
          sent.fault(io.clickpulse.generate.OutgoingRecord.Fault.LATE),
          sent.fault(io.clickpulse.generate.OutgoingRecord.Fault.UNKNOWN_PRODUCT));
      System.out.printf("demo: the stream '%s' holds %d records%s%n", config.stream().name(), inStream,
          inStream == sent.records() ? " (all sent)" : " (MISMATCH with what was sent)");
      System.out.println("demo: events by name: " + sent.eventsByName());
      System.out.println("demo: summary in " + file);
      System.out.println("demo: stopping the local stack");
      return inStream == sent.records() ? 0 : 1;
    }
  }

  private static long malformed(SendReport sent) {
    long n = 0;
    for (var f : io.clickpulse.generate.OutgoingRecord.Fault.values()) {
      if (f.malformed()) {
        n += sent.fault(f);
      }
    }
    return n;
  }

  private static void write(Path file, Object value) {
    try {
      Files.createDirectories(file.getParent());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
