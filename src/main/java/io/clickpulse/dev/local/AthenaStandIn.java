package io.clickpulse.dev.local;

import io.clickpulse.config.AwsConfig.StaticCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local stand-ins for the Glue Data Catalog and Athena: a Hive 2.3.9 Thrift metastore (Spark's
 * Hive jars, Derby inside the stack's folder) and Trino 476 with its Hive connector on that
 * metastore, catalog named like Athena's default (awsdatacatalog), reading the lake from s3proxy.
 * Both on 127.0.0.1 only; both need the S3 emulator up first.
 */
public final class AthenaStandIn {
  public static final String TRINO_VERSION = "476";
  public static final String CATALOG = "awsdatacatalog";
  private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

  private final StackConfig stack;
  private final Path projectDir;

  public AthenaStandIn(StackConfig stack, Path projectDir) {
    this.stack = stack;
    this.projectDir = projectDir;
  }

  private Path tools() {
    return projectDir.resolve(stack.toolsDir()).toAbsolutePath().normalize();
  }

  public Emulator metastore(Path stateDir, URI s3, StaticCredentials credentials, String region) {
    Path dir = stateDir.resolve("metastore").toAbsolutePath();
    Path sparkClasspath = projectDir.resolve("target/classpath-provided.txt");
    require(
        sparkClasspath,
        "Spark's class path file (target/classpath-provided.txt, written by the build)");
    int port = stack.metastorePort() == 0 ? FreePort.pick() : stack.metastorePort();
    if (!stack.persistentS3()) {
      // the catalog describes the lake: with an in-memory S3 it starts empty too, or it would
      // point at folders that no longer exist
      FileTrees.delete(dir.resolve("metastore_db"));
    }
    Map<String, String> site = new LinkedHashMap<>();
    site.put(
        "javax.jdo.option.ConnectionURL",
        "jdbc:derby:;databaseName=" + dir.resolve("metastore_db") + ";create=true");
    site.put("javax.jdo.option.ConnectionDriverName", "org.apache.derby.jdbc.EmbeddedDriver");
    site.put("datanucleus.schema.autoCreateAll", "true");
    site.put("hive.metastore.schema.verification", "false");
    site.put("hive.metastore.warehouse.dir", dir.resolve("warehouse").toUri().toString());
    site.put("hive.metastore.server.min.threads", "4");
    site.put("hive.metastore.server.max.threads", "50");
    // the metastore checks and creates table and partition folders itself: it must reach the lake
    site.put("fs.s3a.endpoint", s3.toString());
    site.put("fs.s3a.endpoint.region", region);
    site.put("fs.s3a.path.style.access", "true");
    site.put("fs.s3a.connection.ssl.enabled", "false");
    site.put(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    site.put("fs.s3a.access.key", credentials.accessKeyId());
    site.put("fs.s3a.secret.key", credentials.secretAccessKey());
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
    site.forEach(
        (k, v) ->
            xml.append("  <property><name>")
                .append(k)
                .append("</name><value>")
                .append(v.replace("&", "&amp;"))
                .append("</value></property>\n"));
    xml.append("</configuration>\n");
    write(dir.resolve("conf/hive-site.xml"), xml.toString());
    write(
        dir.resolve("conf/log4j2.properties"),
        String.join(
            "\n",
            "status = error",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.console.ref = console",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1}: %m%n",
            "logger.hms.name = org.apache.hadoop.hive.metastore",
            "logger.hms.level = info",
            ""));
    Emulators.copyClass(HiveMetastoreLauncher.class, dir.resolve("launcher"));
    String classpath;
    try {
      classpath =
          dir.resolve("launcher")
              + ":"
              + dir.resolve("conf")
              + ":"
              + Files.readString(sparkClasspath).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Emulator(
        "metastore",
        List.of(
            Emulators.javaBinary(),
            "-Xmx512m",
            "-Djava.net.preferIPv4Stack=true",
            "-Dlog4j2.configurationFile=" + dir.resolve("conf/log4j2.properties"),
            "-Dderby.stream.error.file=" + dir.resolve("derby.log"),
            "-cp",
            classpath,
            HiveMetastoreLauncher.class.getName(),
            String.valueOf(port)),
        Map.of(),
        URI.create("thrift://" + FreePort.LOOPBACK + ":" + port),
        null,
        0);
  }

  public Emulator trino(
      Path stateDir, URI metastore, URI s3, StaticCredentials credentials, String region) {
    Path home = tools().resolve("trino-server-" + TRINO_VERSION);
    require(home.resolve(".complete"), "Trino " + TRINO_VERSION);
    Path javaHome = javaForTrino();
    Path dir = stateDir.resolve("trino").toAbsolutePath();
    int port = stack.trinoPort() == 0 ? FreePort.pick() : stack.trinoPort();
    write(
        dir.resolve("etc/node.properties"),
        lines(
            "node.environment=clickpulse_local",
            "node.id=clickpulse-local",
            "node.data-dir=" + dir.resolve("data")));
    write(
        dir.resolve("etc/config.properties"),
        lines(
            "coordinator=true",
            "node-scheduler.include-coordinator=true",
            "http-server.http.port=" + port,
            "discovery.uri=http://" + FreePort.LOOPBACK + ":" + port,
            // bind-ip keeps every listener on loopback (internal-address alone still binds *)
            "node.bind-ip=" + FreePort.LOOPBACK,
            "node.internal-address=" + FreePort.LOOPBACK,
            "query.max-memory=1GB",
            "query.max-memory-per-node=1GB",
            "task.concurrency=2"));
    write(
        dir.resolve("etc/jvm.config"),
        lines(
            "-server",
            "-Xmx2G",
            "-XX:G1HeapRegionSize=32M",
            "-XX:+ExplicitGCInvokesConcurrent",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:-OmitStackTraceInFastThrow",
            "-XX:ReservedCodeCacheSize=256M",
            "-XX:PerMethodRecompilationCutoff=10000",
            "-XX:PerBytecodeRecompilationCutoff=10000",
            "-XX:TieredStopAtLevel=1",
            "-Djdk.attach.allowAttachSelf=true",
            "-Djdk.nio.maxCachedBufferSize=2000000",
            "-Dfile.encoding=UTF-8",
            "-XX:+EnableDynamicAgentLoading",
            "-Duser.timezone=UTC",
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow"));
    write(dir.resolve("etc/log.properties"), lines("io.trino=WARN", "io.trino.server.Server=INFO"));
    // native S3 reads s3:// and s3a:// locations alike; s3proxy needs path-style requests
    write(
        dir.resolve("etc/catalog/" + CATALOG + ".properties"),
        lines(
            "connector.name=hive",
            "hive.metastore.uri=" + metastore,
            "fs.native-s3.enabled=true",
            "s3.endpoint=" + s3,
            "s3.region=" + region,
            "s3.path-style-access=true",
            "s3.aws-access-key=" + credentials.accessKeyId(),
            "s3.aws-secret-key=" + credentials.secretAccessKey(),
            "hive.non-managed-table-writes-enabled=false"));
    // the launcher refuses to start while its pid file names a live process: after a killed stack
    // that number may belong to any process by now, and this stack's folder is its own
    delete(dir.resolve("data/var/run/launcher.pid"));
    URI endpoint = URI.create("http://" + FreePort.LOOPBACK + ":" + port);
    return new Emulator(
        "trino",
        List.of(
            home.resolve("bin/launcher").toString(),
            "run",
            "-jvm-dir",
            javaHome.toString(),
            "-etc-dir",
            dir.resolve("etc").toString(),
            "-data-dir",
            dir.resolve("data").toString()),
        Map.of("JAVA_HOME", javaHome.toString()),
        endpoint,
        endpoint.resolve("/v1/info"),
        200,
        "\"starting\":false");
  }

  /** stack.trino-java-home, else the newest JDK 24+ among $JAVA_HOME and /usr/lib/jvm/*. */
  Path javaForTrino() {
    if (stack.trinoJavaHome().isPresent()) {
      Path p = stack.trinoJavaHome().get();
      if (majorVersion(p) < 24) {
        throw new StackException(
            "stack.trino-java-home="
                + p
                + " is not a Java 24+ runtime (Trino "
                + TRINO_VERSION
                + " needs one)");
      }
      return p;
    }
    Stream<Path> candidates = Stream.empty();
    String env = System.getenv("JAVA_HOME");
    if (env != null) {
      candidates = Stream.of(Path.of(env));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> list = Files.list(jvms)) {
        candidates = Stream.concat(candidates, list.toList().stream());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Optional<Path> best =
        candidates
            .filter(p -> majorVersion(p) >= 24)
            .max(Comparator.comparingInt(AthenaStandIn::majorVersion));
    return best.orElseThrow(
        () ->
            new StackException(
                "Trino "
                    + TRINO_VERSION
                    + " (the local Athena) needs a Java 24+"
                    + " runtime, and none was found in $JAVA_HOME or /usr/lib/jvm. Install one (e.g. Temurin 25 from"
                    + " https://adoptium.net, or your distribution's openjdk-25 package) and set stack.trino-java-home,"
                    + " or run without Athena: --stack.athena false"));
  }

  static int majorVersion(Path javaHome) {
    Path release = javaHome.resolve("release");
    if (!Files.isExecutable(javaHome.resolve("bin/java")) || !Files.exists(release)) {
      return 0;
    }
    try {
      Matcher m = JAVA_VERSION.matcher(Files.readString(release));
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void require(Path path, String what) {
    if (!Files.exists(path)) {
      throw new StackException(
          what + " is not installed (missing " + path + "): run ./clickpulse setup");
    }
  }
}
