package io.clickpulse.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.dev.local.TestStack;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pricing Lambda's deployment package (target/clickpulse-pricing-lambda.zip) on its own: no
 * Spark inside, and the handler loads and handles a batch with nothing but the package on the class
 * path (as Lambda's Java runtime lays it out: classes at the root, jars in lib/).
 */
class PricingLambdaPackageIT {
  @Test
  void theHandlerRunsFromThePackageAlone(@TempDir Path dir) throws Exception {
    Path zip = TestStack.PROJECT_DIR.resolve("target/clickpulse-pricing-lambda.zip");
    List<URL> classPath = new ArrayList<>(List.of(dir.toUri().toURL()));
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        assertThat(e.getName()).doesNotContain("spark").doesNotContain("hadoop");
        Path target = dir.resolve(e.getName());
        if (e.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.copy(in, target);
        if (e.getName().startsWith("lib/") && e.getName().endsWith(".jar")) {
          classPath.add(target.toUri().toURL());
        }
      }
    }
    assertThat(Files.size(zip)).isLessThan(20L * 1024 * 1024);
    try (URLClassLoader loader =
        new URLClassLoader(classPath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Object handler =
          loader.loadClass("io.clickpulse.pricing.PricingHandler").getConstructor().newInstance();
      Class<?> eventClass =
          loader.loadClass("com.amazonaws.services.lambda.runtime.events.DynamodbEvent");
      Class<?> recordClass =
          loader.loadClass(
              "com.amazonaws.services.lambda.runtime.events.DynamodbEvent$DynamodbStreamRecord");
      Object record = recordClass.getConstructor().newInstance();
      recordClass.getMethod("setEventName", String.class).invoke(record, "REMOVE");
      recordClass.getMethod("setEventID", String.class).invoke(record, "r-1");
      Object event = eventClass.getConstructor().newInstance();
      eventClass.getMethod("setRecords", List.class).invoke(event, List.of(record));
      Class<?> contextClass = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
      Object response =
          handler
              .getClass()
              .getMethod("handleRequest", eventClass, contextClass)
              .invoke(handler, event, null);
      List<?> failures =
          (List<?>) response.getClass().getMethod("getBatchItemFailures").invoke(response);
      assertThat(failures).isEmpty(); // a REMOVE is skipped, not failed
    }
  }
}
