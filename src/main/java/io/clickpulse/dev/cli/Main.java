package io.clickpulse.dev.cli;

import io.clickpulse.config.ConfigException;
import io.clickpulse.dev.local.StackException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code clickpulse COMMAND [--key value ...]}: the developer's entry point (see ./clickpulse
 * help).
 */
public final class Main {
  static final String USAGE =
      """
      usage: clickpulse COMMAND [--key value ...]

        demo                      the main job on the local stack, end to end; writes target/demo/summary.json
        stack up|status|down      start, inspect or stop the local AWS stack (Kinesis, DynamoDB, S3 on 127.0.0.1)
        bootstrap                 create the stream, tables and bucket on the running stack; seed the catalog
        generate [--rate R] [--seconds N | --count N] [--seed S]
                                  send simulated shoppers' clicks to the stream (see generate.* keys)
        run JOB [--key value ...] run a job through spark-submit on the job jar (jobs: %s)
        query "SQL" | --saved NAME
                                  run a statement on Athena (locally: the stack's Trino) and print the rows
        dashboard                 render the QuickSight dashboard locally (target/dashboard/index.html) from the stack's Trino
        bench streaming|collector throughput figures of the streaming job or the HTTP collector (not a test; see README)
        pricing-poller            the pricing handler on the product_demand stream (stack up starts it)
        collector                 HTTP ingest: POST /events into the stream, and the demo shop (stack up starts it)
        config                    print every config key with its effective value and its source
        setup | test              (handled by the ./clickpulse script: install tools, run the tests)

      Keys and defaults: conf/clickpulse-defaults.properties. Precedence: --key value > --profile FILE|NAME > default.
      """;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args)));
  }

  static int run(List<String> args) {
    if (args.isEmpty() || List.of("help", "-h", "--help").contains(args.get(0))) {
      System.out.printf(USAGE, String.join(", ", JobCatalog.names()));
      return args.isEmpty() ? 2 : 0;
    }
    Path projectDir =
        Path.of(System.getProperty("clickpulse.projectDir", ".")).toAbsolutePath().normalize();
    String command = args.get(0);
    List<String> rest = args.subList(1, args.size());
    try {
      return switch (command) {
        case "stack" -> new StackCommand(projectDir).run(rest);
        case "bootstrap" -> new BootstrapCommand(projectDir).run(rest);
        case "generate" -> new GenerateCommand(projectDir).run(rest);
        case "run" -> new RunCommand(projectDir).run(rest);
        case "query" -> new QueryCommand(projectDir).run(rest);
        case "dashboard" -> new DashboardCommand(projectDir).run(rest);
        case "config" -> {
          System.out.print(
              CommandContext.load(projectDir, rest, false).config().settings().describe());
          yield 0;
        }
        case "demo" -> new DemoCommand(projectDir).run(rest);
        case "bench" -> new BenchCommand(projectDir).run(rest);
        case "pricing-poller" -> new PricingPollerCommand(projectDir).run(rest);
        case "collector" -> new CollectorCommand(projectDir).run(rest);
        default -> {
          System.err.println("clickpulse: unknown command '" + command + "'");
          System.err.printf(USAGE, String.join(", ", JobCatalog.names()));
          yield 2;
        }
      };
    } catch (ConfigException e) {
      System.err.println("clickpulse: configuration error: " + e.getMessage());
      return 2;
    } catch (StackException e) {
      System.err.println("clickpulse: local stack: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    } catch (Exception e) {
      System.err.println("clickpulse: " + command + " failed: " + e);
      return 1;
    }
  }
}
