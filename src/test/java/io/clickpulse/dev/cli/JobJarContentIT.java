package io.clickpulse.dev.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
              "clickpulse/conf/clickpulse-defaults.properties");
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
