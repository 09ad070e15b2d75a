package io.clickpulse.dev.cli;

import io.clickpulse.config.ConfigException;
import io.clickpulse.dev.local.SparkSubmitLauncher;
import java.nio.file.Path;
import java.util.List;

/** {@code clickpulse run JOB [--key value ...]}: the job through spark-submit on the job jar. */
final class RunCommand {
  private final Path projectDir;

  RunCommand(Path projectDir) {
    this.projectDir = projectDir;
  }

  int run(List<String> args) {
    if (args.isEmpty()) {
      throw new ConfigException("run: name a job: " + String.join(", ", JobCatalog.names()));
    }
    String mainClass = JobCatalog.mainClass(args.get(0));
    CommandContext ctx =
        CommandContext.load(
            projectDir,
            JobCatalog.expandShortNames(args.get(0), args.subList(1, args.size())),
            false);
    SparkSubmitLauncher launcher = new SparkSubmitLauncher(projectDir, "local[*]", "4g");
    System.out.println(
        "run: spark-submit "
            + String.join(" ", launcher.submitArguments(mainClass, ctx.arguments())));
    Process p = launcher.start(mainClass, ctx.arguments(), null);
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroy();
      return 130;
    }
  }
}
