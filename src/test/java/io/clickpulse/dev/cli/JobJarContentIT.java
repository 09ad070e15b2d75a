package io.clickpulse.dev.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The jars the build writes (after {@code package}): what goes to Glue holds every job and no dev
 * harness, and no class in it refers to one; the dev harness jar holds that harness only.
 */
class JobJarContentIT {
  private static final Path TARGET =
      Path.of(System.getProperty("clickpulse.projectDir", "."), "target");
  private static final String DEV = "io/clickpulse/dev/";
  private static final String SERVICES = "META-INF/services/";

  @Test
  void jobJarHoldsEveryJobAndNoDevHarness() throws IOException {
    try (JarFile jar = new JarFile(TARGET.resolve("clickpulse-job.jar").toFile())) {
      List<String> names = Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
      assertThat(names).as("dev harness classes in the job jar").noneMatch(n -> n.startsWith(DEV));
      for (String job : JobCatalog.names()) {
        String cls = JobCatalog.mainClass(job).replace('.', '/') + ".class";
        assertThat(names).as("job " + job).contains(cls);
      }
      assertThat(names)
          .contains(
              "io/clickpulse/pricing/PricingHandler.class",
              "clickpulse/conf/clickpulse-defaults.properties",
              // alerts.sink=sns: the SNS client, relocated with the rest of the SDK
              "io/clickpulse/alert/SnsAlertSink.class",
              "io/clickpulse/shaded/awssdk/services/sns/SnsClient.class");
      List<String> referring = new ArrayList<>();
      for (String name : names) {
        if (name.startsWith("io/clickpulse/")
            && name.endsWith(".class")
            && new String(
                    jar.getInputStream(jar.getEntry(name)).readAllBytes(),
                    StandardCharsets.ISO_8859_1)
                .contains(DEV)) {
          referring.add(name); // a class's constant pool names every class it uses
        }
      }
      assertThat(referring).as("job classes that use the dev harness").isEmpty();
    }
  }

  /**
   * The AWS SDK v1 (spark-dynamodb's) and Jackson come from the platform (Glue; locally Spark's
   * class path with hadoop-aws's SDK bundle): only the Lambda runtime API of the pricing handler is
   * left under com/amazonaws/.
   */
  @Test
  void jobJarLeavesTheAwsSdkV1AndJacksonToThePlatform() throws IOException {
    try (JarFile jar = new JarFile(TARGET.resolve("clickpulse-job.jar").toFile())) {
      List<String> names = Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
      assertThat(names)
          .filteredOn(n -> n.startsWith("com/amazonaws/") && n.endsWith(".class"))
          .isNotEmpty()
          .allMatch(n -> n.startsWith("com/amazonaws/services/lambda/runtime/"));
      assertThat(names)
          .noneMatch(n -> n.startsWith("com/fasterxml/jackson/"))
          .noneMatch(n -> n.startsWith("software/amazon/ion/"))
          .noneMatch(n -> n.startsWith("META-INF/maven/com.amazonaws/aws-java-sdk-"))
          .noneMatch(n -> n.startsWith("META-INF/maven/com.fasterxml.jackson."));
    }
  }

  /**
   * A service file whose provider is missing, or is no subtype of its service, fails whoever loads
   * that service (ServiceConfigurationError): each one must name classes of the jar or of the class
   * path the platform provides (target/classpath-provided.txt: Spark, Hadoop), of the right type.
   */
  @Test
  void everyServiceFileOfTheJobJarNamesProvidersOfItsService() throws Exception {
    Path jobJar = TARGET.resolve("clickpulse-job.jar");
    List<URL> path = new ArrayList<>(List.of(jobJar.toUri().toURL()));
    for (String entry :
        Files.readString(TARGET.resolve("classpath-provided.txt"))
            .trim()
            .split(File.pathSeparator)) {
      path.add(Path.of(entry).toUri().toURL());
    }
    List<String> wrong = new ArrayList<>();
    int providers = 0;
    try (JarFile jar = new JarFile(jobJar.toFile());
        URLClassLoader loader =
            new URLClassLoader(path.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      for (JarEntry e : Collections.list(jar.entries())) {
        String name = e.getName();
        if (!name.startsWith(SERVICES) || name.length() == SERVICES.length()) {
          continue;
        }
        String service = name.substring(SERVICES.length());
        String text = new String(jar.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
        for (String line : text.lines().toList()) {
          String provider = line.replaceAll("#.*", "").trim();
          if (provider.isEmpty()) {
            continue;
          }
          providers++;
          try {
            Class<?> s = Class.forName(service, false, loader);
            Class<?> p = Class.forName(provider, false, loader);
            if (!s.isAssignableFrom(p)) {
              wrong.add(name + ": " + provider + " is no " + service);
            }
          } catch (ClassNotFoundException | LinkageError x) {
            wrong.add(name + ": " + provider + ": " + x);
          }
        }
      }
    }
    assertThat(providers).as("service providers in the job jar").isPositive();
    assertThat(wrong).as("service files naming no provider of their service").isEmpty();
  }

  @Test
  void devJarHoldsTheDevHarnessOnlyWithTheJobJarsRelocations() throws IOException {
    try (JarFile jar = new JarFile(TARGET.resolve("clickpulse-dev.jar").toFile())) {
      List<String> classes =
          Collections.list(jar.entries()).stream()
              .map(JarEntry::getName)
              .filter(n -> n.endsWith(".class"))
              .toList();
      assertThat(classes)
          .contains(
              DEV + "cli/Main.class",
              DEV + "local/LocalStack.class",
              DEV + "generate/ClickstreamGenerator.class");
      assertThat(classes).allMatch(n -> n.startsWith(DEV));
      // the harness calls the job's AWS clients, whose SDK the job jar relocates
      byte[] demo = jar.getInputStream(jar.getEntry(DEV + "cli/DemoCommand.class")).readAllBytes();
      String pool = new String(demo, StandardCharsets.ISO_8859_1);
      assertThat(pool)
          .doesNotContain("software/amazon/awssdk/")
          .contains("io/clickpulse/shaded/awssdk/");
    }
  }

  @Test
  void pricingLambdaZipHoldsNoDevHarness() throws IOException {
    try (ZipFile zip = new ZipFile(TARGET.resolve("clickpulse-pricing-lambda.zip").toFile())) {
      assertThat(Collections.list(zip.entries()).stream().map(e -> e.getName()))
          .noneMatch(n -> n.contains(DEV))
          .contains("io/clickpulse/pricing/PricingHandler.class");
    }
  }
}
