package io.clickpulse.dev.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * An emulator running as its own OS process, its output in a log file. It outlives the JVM that
 * started it (so {@code stack up} can return); it is identified by PID plus start time, so a later
 * {@code stack down} never kills an unrelated process that reused the PID.
 */
public final class ManagedProcess {
  private final String name;
  private final long pid;
  private final Instant startedAt;
  private final Path log;

  public ManagedProcess(String name, long pid, Instant startedAt, Path log) {
    this.name = name;
    this.pid = pid;
    this.startedAt = startedAt;
    this.log = log;
  }

  public static ManagedProcess start(
      String name, List<String> command, Map<String, String> env, Path workDir, Path log) {
    try {
      Files.createDirectories(log.getParent());
      Files.createDirectories(workDir);
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().putAll(env);
      Process p = pb.start();
      Instant started = p.info().startInstant().orElse(Instant.EPOCH);
      return new ManagedProcess(name, p.pid(), started, log);
    } catch (IOException e) {
      throw new StackException(name + ": cannot start '" + command.get(0) + "': " + e.getMessage());
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return pid;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Path log() {
    return log;
  }

  /** The live process, if the PID still belongs to the process this handle started. */
  public Optional<ProcessHandle> handle() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            h ->
                startedAt.equals(Instant.EPOCH)
                    || h.info().startInstant().map(startedAt::equals).orElse(true));
  }

  public boolean alive() {
    return handle().isPresent();
  }

  /** Polls {@code ready} until true; fails early, with the log's tail, if the process dies. */
  public void awaitReady(BooleanSupplier ready, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!alive()) {
        throw new StackException(
            name + " exited during start-up; last lines of " + log + ":\n" + tail(20));
      }
      boolean ok;
      try {
        ok = ready.getAsBoolean();
      } catch (RuntimeException e) {
        ok = false;
      }
      if (ok) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new StackException(
            name
                + " not ready after "
                + timeout.toSeconds()
                + " s; last lines of "
                + log
                + ":\n"
                + tail(20));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackException(name + ": interrupted while waiting for readiness");
      }
    }
  }

  /**
   * SIGTERM to the process and its descendants, SIGKILL to whatever is left after a grace period.
   */
  public void stop(Duration grace) {
    Optional<ProcessHandle> h = handle();
    if (h.isEmpty()) {
      return;
    }
    List<ProcessHandle> all = new ArrayList<>(h.get().descendants().toList());
    all.add(h.get());
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle p : all) {
      while (p.isAlive() && System.nanoTime() < deadline) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // reported by the caller's liveness check
      }
    }
  }

  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
