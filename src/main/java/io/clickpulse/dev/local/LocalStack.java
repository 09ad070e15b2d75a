package io.clickpulse.dev.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickpulse.config.AwsConfig.StaticCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The local AWS stack: Kinesis, DynamoDB (with Streams) and S3 emulators on 127.0.0.1, and with
 * stack.athena the Hive metastore and Trino (Glue Data Catalog and Athena). A start either brings
 * everything up or stops what it started (also on Ctrl-C). The state file ({@code stack.json}:
 * endpoints, PIDs, logs) lets later commands find and stop the stack.
 */
public final class LocalStack implements AutoCloseable {
  public static final String STATE_FILE = "stack.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path stateDir;
  private Endpoints endpoints;
  private final List<ManagedProcess> processes;
  private Thread shutdownHook;

  private LocalStack(Path stateDir, Endpoints endpoints, List<ManagedProcess> processes) {
    this.stateDir = stateDir;
    this.endpoints = endpoints;
    this.processes = processes;
  }

  /**
   * Starts the three emulators and waits until each answers. The returned stack stops itself at JVM
   * exit unless {@link #detach()} is called (what {@code stack up} does).
   */
  public static LocalStack start(
      StackConfig config,
      Path projectDir,
      StaticCredentials credentials,
      Consumer<String> progress) {
    Path stateDir = projectDir.resolve(config.dir()).toAbsolutePath().normalize();
    Optional<LocalStack> running = read(stateDir);
    if (running.isPresent() && running.get().processes.stream().anyMatch(ManagedProcess::alive)) {
      throw new StackException(
          "a local stack is already running (state in "
              + stateDir.resolve(STATE_FILE)
              + "): ./clickpulse stack down first, or use another stack.dir");
    }
    Emulators emulators = new Emulators(config, projectDir);
    List<Emulator> planned =
        List.of(
            emulators.kinesis(), emulators.dynamoDb(stateDir), emulators.s3(stateDir, credentials));
    List<ManagedProcess> started = new ArrayList<>();
    LocalStack stack =
        new LocalStack(
            stateDir,
            new Endpoints(
                planned.get(0).endpoint(), planned.get(1).endpoint(), planned.get(2).endpoint()),
            started);
    stack.shutdownHook = new Thread(stack::stopQuietly, "clickpulse-stack-stop");
    Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
    long t0 = System.nanoTime();
    try {
      for (Emulator e : planned) {
        started.add(e.start(stateDir));
      }
      stack.writeState();
      for (int i = 0; i < planned.size(); i++) {
        started.get(i).awaitReady(planned.get(i)::ready, config.startTimeout());
        progress.accept(
            String.format(
                "stack: %-8s ready at %s (pid %d)",
                planned.get(i).name(), planned.get(i).endpoint(), started.get(i).pid()));
      }
      if (config.athena()) {
        stack.startAthena(config, projectDir, credentials, progress);
      }
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
    progress.accept(
        String.format(
            "stack: up in %.1f s; state in %s",
            (System.nanoTime() - t0) / 1e9, stateDir.resolve(STATE_FILE)));
    return stack;
  }

  /** The metastore once S3 answers (it creates table folders there), then Trino on it. */
  private void startAthena(
      StackConfig config,
      Path projectDir,
      StaticCredentials credentials,
      Consumer<String> progress) {
    AthenaStandIn athena = new AthenaStandIn(config, projectDir);
    String region = "us-east-1";
    Emulator metastore = athena.metastore(stateDir, endpoints.s3(), credentials, region);
    Emulator trino =
        athena.trino(stateDir, metastore.endpoint(), endpoints.s3(), credentials, region);
    endpoints = endpoints.withAthena(metastore.endpoint(), trino.endpoint());
    for (Emulator e : List.of(metastore, trino)) {
      ManagedProcess p = e.start(stateDir);
      processes.add(p);
      writeState();
      p.awaitReady(e::ready, config.athenaStartTimeout());
      progress.accept(
          String.format("stack: %-8s ready at %s (pid %d)", e.name(), e.endpoint(), p.pid()));
    }
  }

  /** Adds a process started for this stack (the pricing poller, the collector): stopped with it. */
  public void adopt(ManagedProcess process) {
    processes.add(process);
    writeState();
  }

  /** Adds the HTTP collector's process and records where it answers in the state file. */
  public void adoptCollector(ManagedProcess process, URI eventsUri, URI shopUri) {
    endpoints = endpoints.withCollector(eventsUri, shopUri);
    adopt(process);
  }

  /** Leaves the emulators running after this JVM exits. */
  public void detach() {
    if (shutdownHook != null) {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
      shutdownHook = null;
    }
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  public List<ManagedProcess> processes() {
    return List.copyOf(processes);
  }

  public Path stateDir() {
    return stateDir;
  }

  /** Stops every emulator of this stack and removes the state file. */
  @Override
  public void close() {
    stopQuietly();
    detach();
  }

  private synchronized void stopQuietly() {
    // last started first: the pricing poller goes before the DynamoDB it reads
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).stop(Duration.ofSeconds(10));
    }
    try {
      Files.deleteIfExists(stateDir.resolve(STATE_FILE));
    } catch (IOException e) {
      // nothing left to stop; a stale file is detected by PID check on the next start
    }
  }

  /**
   * The stack recorded in {@code stateDir}, if a state file is there (its processes may be dead).
   */
  public static Optional<LocalStack> read(Path stateDir) {
    Path file = stateDir.resolve(STATE_FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      JsonNode ep = root.path("endpoints");
      List<ManagedProcess> ps = new ArrayList<>();
      for (JsonNode p : root.path("processes")) {
        ps.add(
            new ManagedProcess(
                p.path("name").asText(),
                p.path("pid").asLong(),
                Instant.parse(p.path("started_at").asText()),
                Path.of(p.path("log").asText())));
      }
      Endpoints endpoints =
          new Endpoints(
              URI.create(ep.path("kinesis").asText()),
              URI.create(ep.path("dynamodb").asText()),
              URI.create(ep.path("s3").asText()));
      if (ep.hasNonNull("metastore") && ep.hasNonNull("trino")) {
        endpoints =
            endpoints.withAthena(
                URI.create(ep.path("metastore").asText()), URI.create(ep.path("trino").asText()));
      }
      if (ep.hasNonNull("collector") && ep.hasNonNull("shop")) {
        endpoints =
            endpoints.withCollector(
                URI.create(ep.path("collector").asText()), URI.create(ep.path("shop").asText()));
      }
      return Optional.of(new LocalStack(stateDir, endpoints, ps));
    } catch (IOException | RuntimeException e) {
      throw new StackException(
          "unreadable stack state file "
              + file
              + " ("
              + e.getMessage()
              + "); stop leftover emulators by hand and delete it");
    }
  }

  private void writeState() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode ep = root.putObject("endpoints");
    ep.put("kinesis", endpoints.kinesis().toString());
    ep.put("dynamodb", endpoints.dynamodb().toString());
    ep.put("s3", endpoints.s3().toString());
    endpoints.metastore().ifPresent(m -> ep.put("metastore", m.toString()));
    endpoints.trino().ifPresent(t -> ep.put("trino", t.toString()));
    endpoints.collector().ifPresent(c -> ep.put("collector", c.toString()));
    endpoints.shop().ifPresent(c -> ep.put("shop", c.toString()));
    ArrayNode ps = root.putArray("processes");
    for (ManagedProcess p : processes) {
      ObjectNode n = ps.addObject();
      n.put("name", p.name());
      n.put("pid", p.pid());
      n.put("started_at", p.startedAt().toString());
      n.put("log", p.log().toString());
    }
    try {
      Files.createDirectories(stateDir);
      Path tmp = stateDir.resolve(STATE_FILE + ".tmp");
      JSON.writeValue(tmp.toFile(), root);
      Files.move(
          tmp,
          stateDir.resolve(STATE_FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + stateDir.resolve(STATE_FILE), e);
    }
  }
}
