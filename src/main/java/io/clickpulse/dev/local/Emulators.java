package io.clickpulse.dev.local;

import io.clickpulse.config.AwsConfig.StaticCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The three emulators of the local stack, as measured to work here (DESIGN.md §3): kinesis-mock
 * (npm kinesis-local) under Node, DynamoDB Local in its own JVM, s3proxy in its own JVM.
 */
public final class Emulators {
  private final StackConfig stack;
  private final Path projectDir;

  public Emulators(StackConfig stack, Path projectDir) {
    this.stack = stack;
    this.projectDir = projectDir;
  }

  private Path tools() {
    return projectDir.resolve(stack.toolsDir()).toAbsolutePath().normalize();
  }

  private static int port(int configured) {
    return configured == 0 ? FreePort.pick() : configured;
  }

  /** An installed package of src/local-stack, checked to hold its entry script. */
  private Path npmPackage(String name, String script) {
    Path pkg =
        projectDir.resolve("src/local-stack/node_modules/" + name).toAbsolutePath().normalize();
    requireInstalled(pkg.resolve(script), name + " (npm)");
    return pkg;
  }

  /** node with the loopback preload, running a package's script. */
  private List<String> nodeOnLoopback(String pkgName, String script, String... args) {
    String node =
        onPath("node")
            .orElseThrow(
                () ->
                    new StackException(
                        "node not found on PATH: the Kinesis emulator needs Node.js 18 or newer (Debian: apt-get install nodejs npm)"));
    List<String> command =
        new ArrayList<>(
            List.of(
                node,
                "--require",
                projectDir
                    .resolve("src/local-stack/preload-loopback.js")
                    .toAbsolutePath()
                    .toString(),
                npmPackage(pkgName, script).resolve(script).toString()));
    command.addAll(List.of(args));
    return command;
  }

  private static URI loopback(int port, String path) {
    return URI.create("http://" + FreePort.LOOPBACK + ":" + port + path);
  }

  /**
   * The local Kinesis: kinesis-mock or kinesalite (npm), both on Node.js. Neither has a bind-host
   * option, so a preloaded script keeps every listener on loopback.
   */
  public Emulator kinesis() {
    int port = port(stack.kinesisPort());
    if (stack.kinesisEmulator() == StackConfig.KinesisEmulator.KINESALITE) {
      return new Emulator(
          "kinesis",
          nodeOnLoopback(
              "kinesalite",
              "cli.js",
              "--port",
              String.valueOf(port),
              "--createStreamMs",
              "200",
              "--deleteStreamMs",
              "200",
              "--updateStreamMs",
              "200",
              "--shardLimit",
              "100"),
          Map.of(),
          loopback(port, ""),
          null,
          0); // in memory; no health URL: ready once the port accepts
    }
    Path pkg = npmPackage("kinesis-local", "main.js");
    return new Emulator(
        "kinesis",
        nodeOnLoopback("kinesis-local", "main.js"),
        Map.of(
            "KINESIS_MOCK_CERT_PATH",
            pkg.resolve("server.json").toString(),
            "KINESIS_MOCK_PLAIN_PORT",
            String.valueOf(port),
            "KINESIS_MOCK_TLS_PORT",
            "0", // cannot be disabled; the preload keeps it on loopback
            "CREATE_STREAM_DURATION",
            "200ms",
            "SPLIT_SHARD_DURATION",
            "200ms",
            "LOG_LEVEL",
            "WARN"),
        loopback(port, ""),
        loopback(port, "/healthcheck"),
        200);
  }

  public Emulator dynamoDb(Path stateDir) {
    Path lib = tools().resolve("dynamodb-local");
    requireInstalled(lib, "DynamoDB Local");
    int port = port(stack.dynamodbPort());
    Path launcherDir = stateDir.resolve("dynamodb/launcher");
    copyClass(DynamoDbLocalLauncher.class, launcherDir);
    return new Emulator(
        "dynamodb",
        List.of(
            javaBinary(),
            "-Xmx512m",
            "-Djava.net.preferIPv4Stack=true",
            "-Djava.io.tmpdir=" + stateDir.resolve("dynamodb").toAbsolutePath(),
            "-cp",
            launcherDir.toAbsolutePath() + ":" + lib + "/*",
            DynamoDbLocalLauncher.class.getName(),
            "-inMemory",
            "-sharedDb",
            "-disableTelemetry",
            "-port",
            String.valueOf(port)),
        Map.of(),
        loopback(port, ""),
        loopback(port, "/"),
        400);
  }

  public Emulator s3(Path stateDir, StaticCredentials credentials) {
    Path jar = tools().resolve("s3proxy/s3proxy-4.1.0-jar-with-dependencies.jar");
    requireInstalled(jar, "s3proxy");
    int port = port(stack.s3Port());
    List<String> props =
        new ArrayList<>(
            List.of(
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + credentials.accessKeyId(),
                "s3proxy.credential=" + credentials.secretAccessKey(),
                "s3proxy.ignore-unknown-headers=true",
                "jclouds.identity=" + credentials.accessKeyId(),
                "jclouds.credential=" + credentials.secretAccessKey()));
    if (stack.persistentS3()) {
      Path data = stateDir.resolve("s3/data").toAbsolutePath();
      mkdirs(data);
      props.add("jclouds.provider=filesystem");
      props.add("jclouds.filesystem.basedir=" + data);
    } else {
      props.add("jclouds.provider=transient");
    }
    Path file = stateDir.resolve("s3/s3proxy.properties").toAbsolutePath();
    try {
      mkdirs(file.getParent());
      Files.write(file, props);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Emulator(
        "s3",
        List.of(
            javaBinary(),
            "-Xmx512m",
            "-Djava.net.preferIPv4Stack=true",
            "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
            "-jar",
            jar.toString(),
            "--properties",
            file.toString()),
        Map.of("LOG_LEVEL", "warn"),
        loopback(port, ""),
        loopback(port, "/"),
        403);
  }

  /**
   * Copies one class file of this jar into a folder, so a JVM can run it without the job jar's
   * class path.
   */
  static void copyClass(Class<?> cls, Path dir) {
    String resource = cls.getName().replace('.', '/') + ".class";
    Path target = dir.resolve(resource);
    try (InputStream in = Emulators.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("class resource " + resource + " not found");
      }
      mkdirs(target.getParent());
      Files.write(target, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireInstalled(Path path, String what) {
    if (!Files.exists(path)) {
      throw new StackException(
          what + " is not installed (missing " + path + "): run ./clickpulse setup");
    }
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static Optional<String> onPath(String binary) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, binary);
      if (Files.isExecutable(p)) {
        return Optional.of(p.toString());
      }
    }
    return Optional.empty();
  }

  private static void mkdirs(Path p) {
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
