package io.clickpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** cfn-lint (every AWS resource schema) on every template under jobs/: no error, no warning. */
class StackTemplateLintTest {
  @Test
  void everyTemplatePassesCfnLint() throws Exception {
    List<Path> templates;
    try (Stream<Path> files = Files.list(StackTemplate.PROJECT.resolve("jobs"))) {
      templates =
          files
              .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .sorted()
              .toList();
    }
    assertThat(templates).as("templates under jobs/").isNotEmpty();
    for (Path t : templates) {
      StackTemplate.ProcessResult r =
          StackTemplate.run(List.of("cfn-lint", "--format", "parseable", t.toString()), 300);
      // cfn-lint's exit code is a bit set: 2 errors, 4 warnings, 8 informational
      assertThat(r.exitCode()).as("cfn-lint %s:%n%s", t.getFileName(), r.output()).isZero();
    }
  }

  @Test
  void namedQueriesAreTheSavedQueriesOfAthenaDdl() throws Exception {
    StackTemplate t = StackTemplate.load();
    var queries = t.resources("AWS::Athena::NamedQuery");
    Path dir = StackTemplate.PROJECT.resolve("athena-ddl/queries");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
    }
    assertThat(queries).hasSameSizeAs(files);
    for (Path f : files) {
      String name = f.getFileName().toString().replaceAll("\\.sql$", "");
      var q =
          queries.values().stream()
              .filter(n -> n.path("Properties").path("Name").asText().equals(name))
              .findFirst();
      assertThat(q).as("a named query for athena-ddl/queries/%s", f.getFileName()).isPresent();
      assertThat(q.get().path("Properties").path("QueryString").asText())
          .as(name)
          .isEqualTo(Files.readString(f));
    }
  }
}
