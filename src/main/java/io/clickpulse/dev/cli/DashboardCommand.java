package io.clickpulse.dev.cli;

import io.clickpulse.athena.SqlEngine;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.preview.DashboardPreview;
import io.clickpulse.dev.preview.QuickSightFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code clickpulse dashboard}: the QuickSight dashboard rendered locally from the stack's Athena
 * stand-in.
 */
final class DashboardCommand {
  private final Path projectDir;

  DashboardCommand(Path projectDir) {
    this.projectDir = projectDir;
  }

  int run(List<String> args) {
    CommandContext ctx = CommandContext.load(projectDir, args, true);
    Path page = render(projectDir, ctx.config(), projectDir.resolve("target/dashboard/index.html"));
    System.out.println("dashboard: " + page + " (open it in a browser)");
    return 0;
  }

  static Path render(Path projectDir, ClickpulseConfig config, Path page) {
    QuickSightFiles files =
        QuickSightFiles.load(projectDir.resolve("quicksight"), QuickSightFiles.EXAMPLE);
    try (SqlEngine engine = SqlEngine.from(config.batch(), config.aws())) {
      return DashboardPreview.render(
              files, engine, projectDir.resolve("src/local-stack/node_modules"), page)
          .page();
    }
  }
}
