package io.clickpulse.dev.local;

import io.clickpulse.config.ClickpulseConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One real local stack per test JVM (started on first use, stopped at JVM exit by the stack's own
 * shutdown hook). Tests isolate themselves with their own stream, table and bucket names.
 */
public final class TestStack {
  public static final Path PROJECT_DIR =
      Path.of(System.getProperty("clickpulse.projectDir", ".")).toAbsolutePath();
  private static LocalStack stack;

  private TestStack() {}

  public static synchronized LocalStack get() {
    if (stack == null || stack.processes().stream().anyMatch(p -> !p.alive())) {
      Path dir =
          PROJECT_DIR.resolve("target/test-stack/" + UUID.randomUUID().toString().substring(0, 8));
      ClickpulseConfig c =
          ClickpulseConfig.fromArgs(
              "--stack.dir",
              dir.toString(),
              "--stack.s3-backend",
              "transient",
              "--stack.athena",
              "false");
      stack =
          LocalStack.start(
              StackConfig.from(c.settings()),
              PROJECT_DIR,
              c.aws().staticCredentials().orElseThrow(),
              System.out::println);
    }
    return stack;
  }

  /** Config pointing at the shared stack, with a unique suffix on every resource name. */
  public static ClickpulseConfig config(String... extra) {
    String id = UUID.randomUUID().toString().substring(0, 6);
    List<String> args =
        get()
            .endpoints()
            .before(
                List.of(
                    "--kinesis.stream",
                    "clicks-" + id,
                    "--dynamodb.table.products",
                    "products-" + id,
                    "--dynamodb.table.orders",
                    "orders-" + id,
                    "--dynamodb.table.users",
                    "users-" + id,
                    "--dynamodb.table.product-demand",
                    "demand-" + id,
                    "--dynamodb.table.sessions",
                    "sessions-" + id,
                    "--dynamodb.table.price-history",
                    "prices-" + id,
                    "--lake.bucket",
                    "lake-" + id,
                    "--seed.products",
                    "12",
                    "--seed.users",
                    "30",
                    "--seed.orders",
                    "50",
                    // the tests' expectations read the pixel tracker's shape (click_id, timestamp);
                    // DemoIT and the generator's tests run every producer
                    "--generate.producers",
                    "pixel"));
    args = new ArrayList<>(args);
    args.addAll(List.of(extra));
    return ClickpulseConfig.fromArgs(args);
  }

  /** The same config with more arguments after its own (a later argument wins). */
  public static ClickpulseConfig plus(ClickpulseConfig c, String... extra) {
    List<String> args = new ArrayList<>();
    c.arguments()
        .values()
        .forEach(
            (k, v) -> {
              args.add("--" + k);
              args.add(v);
            });
    args.addAll(List.of(extra));
    return ClickpulseConfig.fromArgs(args);
  }
}
