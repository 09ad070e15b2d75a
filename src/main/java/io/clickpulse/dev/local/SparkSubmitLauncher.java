package io.clickpulse.dev.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a job exactly as a developer's {@code spark-submit} would: Spark's own SparkSubmit entry
 * point, {@code --class} on the shaded job jar (the jar users deploy to Glue), Spark and Hadoop on
 * the classpath as Glue provides them. Binds everything to 127.0.0.1.
 */
public final class SparkSubmitLauncher {
  /**
   * The JVM flags Spark needs on Java 17, as this JVM was started with them (by ./clickpulse or
   * Surefire, both from the pom's spark.jvm.opens: the one place the list is kept).
   */
  public static List<String> java17Opens() {
    List<String> opens =
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(
                a ->
                    a.startsWith("--add-opens")
                        || a.startsWith("-Djdk.reflect.useDirectMethodHandle"))
            .toList();
    if (opens.stream().noneMatch(a -> a.startsWith("--add-opens"))) {
      throw new StackException(
          "this JVM lacks Spark's --add-opens flags: start clickpulse through ./clickpulse");
    }
    return opens;
  }

  private final Path projectDir;
  private final String master;
  private final String driverMemory;

  public SparkSubmitLauncher(Path projectDir, String master, String driverMemory) {
    this.projectDir = projectDir;
    this.master = master;
    this.driverMemory = driverMemory;
  }

  public Path jobJar() {
    return projectDir.resolve("target/clickpulse-job.jar");
  }

  /** The spark-submit arguments: what a developer would type after {@code spark-submit}. */
  public List<String> submitArguments(String mainClass, List<String> jobArgs) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--class",
                mainClass,
                "--master",
                master,
                "--driver-memory",
                driverMemory,
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--conf",
                "spark.driver.bindAddress=127.0.0.1",
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.driver.extraJavaOptions=" + String.join(" ", java17Opens()),
                jobJar().toString()));
    a.addAll(jobArgs);
    return a;
  }

  /** The full command of the child JVM that runs SparkSubmit. */
  public List<String> command(String mainClass, List<String> jobArgs) {
    Path cpFile = projectDir.resolve("target/classpath-provided.txt");
    if (!Files.exists(jobJar()) || !Files.exists(cpFile)) {
      throw new StackException(
          "the job jar is not built (" + jobJar() + "): run ./clickpulse setup");
    }
    String classpath;
    try {
      classpath = Files.readString(cpFile).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Emulators.javaBinary());
    cmd.add("-Xmx" + driverMemory);
    cmd.addAll(java17Opens());
    cmd.add("-Dlog4j2.configurationFile=" + projectDir.resolve("conf/log4j2-local.properties"));
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add("org.apache.spark.deploy.SparkSubmit");
    cmd.addAll(submitArguments(mainClass, jobArgs));
    return cmd;
  }

  /**
   * Starts the job with inherited output; SPARK_LOCAL_IP keeps every Spark listener on loopback.
   */
  public Process start(String mainClass, List<String> jobArgs, Path log) {
    ProcessBuilder pb =
        new ProcessBuilder(command(mainClass, jobArgs)).directory(projectDir.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("AWS_CBOR_DISABLE", "true");
    if (log == null) {
      pb.inheritIO();
    } else {
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
    }
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start spark-submit", e);
    }
  }
}
