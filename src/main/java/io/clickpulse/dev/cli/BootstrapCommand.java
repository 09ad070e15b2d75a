package io.clickpulse.dev.cli;

import io.clickpulse.dev.local.Bootstrap;
import java.nio.file.Path;
import java.util.List;

/** {@code clickpulse bootstrap}: (re)create the stream, tables and bucket, seed the catalog. */
final class BootstrapCommand {
  private final Path projectDir;

  BootstrapCommand(Path projectDir) {
    this.projectDir = projectDir;
  }

  int run(List<String> args) {
    new Bootstrap(CommandContext.load(projectDir, args, true).config(), System.out::println).run();
    return 0;
  }
}
