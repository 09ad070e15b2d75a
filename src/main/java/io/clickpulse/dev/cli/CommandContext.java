package io.clickpulse.dev.cli;

import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.local.LocalStack;
import io.clickpulse.dev.local.StackConfig;
import io.clickpulse.dev.local.StackException;
import io.clickpulse.runtime.LibraryProperties;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Config for a CLI command. With the local profile, the running stack's endpoints (from its state
 * file) are put in front of the user's arguments, so an explicit argument still wins.
 */
record CommandContext(ClickpulseConfig config, List<String> arguments) {

  static CommandContext load(Path projectDir, List<String> userArgs, boolean needStack) {
    ClickpulseConfig plain = ClickpulseConfig.fromArgs(userArgs);
    if (!plain.settings().profile().equals("local")) {
      return new CommandContext(plain, userArgs);
    }
    Optional<LocalStack> stack =
        LocalStack.read(stateDir(projectDir, StackConfig.from(plain.settings())));
    if (stack.isEmpty() || stack.get().processes().stream().noneMatch(p -> p.alive())) {
      if (needStack) {
        throw new StackException(
            "no local stack is running ("
                + stateDir(projectDir, StackConfig.from(plain.settings()))
                + "): start it with ./clickpulse stack up");
      }
      return new CommandContext(plain, userArgs);
    }
    List<String> args = stack.get().endpoints().before(userArgs);
    ClickpulseConfig config = ClickpulseConfig.fromArgs(args);
    LibraryProperties.apply(config); // the commands' own AWS clients talk to the emulators too
    return new CommandContext(config, args);
  }

  static Path stateDir(Path projectDir, StackConfig stack) {
    return projectDir.resolve(stack.dir()).toAbsolutePath().normalize();
  }
}
