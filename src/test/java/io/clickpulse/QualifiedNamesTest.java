package io.clickpulse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The lint rule google-java-format does not cover: a class is named by an import, not inline by its
 * package, unless its simple name is taken in that file (another import, a nested or same-package
 * class, or two classes of that name used together).
 */
class QualifiedNamesTest {
  private static final Path PROJECT = Path.of(System.getProperty("clickpulse.projectDir", "."));
  private static final Pattern QUALIFIED =
      Pattern.compile(
          "\\b((?:java|javax|org|com|io|software|scala)\\.(?:[a-z0-9_]+\\.)+)([A-Z]\\w*)");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?!static )([\\w.]+)\\.(\\w+);", Pattern.MULTILINE);
  private static final Pattern DECLARED =
      Pattern.compile("\\b(?:class|interface|record|enum)\\s+([A-Z]\\w*)");

  @Test
  void classesAreImportedUnlessTheirNameIsTaken() throws IOException {
    List<String> inline = new ArrayList<>();
    for (String tree : List.of("src/main/java", "src/test/java")) {
      try (Stream<Path> files = Files.walk(PROJECT.resolve(tree))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          for (String name : needlesslyQualified(file)) {
            inline.add(PROJECT.relativize(file) + ": " + name);
          }
        }
      }
    }
    assertThat(inline).as("inline qualified names where an import would do").isEmpty();
  }

  @Test
  void theRuleSeesAQualifiedNameAndSparesATakenOne() throws IOException {
    Path dir = Files.createTempDirectory("qualified");
    Path file = dir.resolve("A.java");
    Files.writeString(
        file,
        """
        package x;
        import java.util.List;
        // java.util.Map in a comment is fine
        class A {
          java.util.Set<String> s = java.util.Set.of("java.util.Map");
          java.awt.List clash;
        }
        """);
    assertThat(needlesslyQualified(file)).containsExactly("java.util.Set");
  }

  private static Set<String> needlesslyQualified(Path file) throws IOException {
    String code = withoutCommentsAndStrings(Files.readString(file));
    Map<String, String> imported = new HashMap<>();
    Matcher i = IMPORT.matcher(code);
    while (i.find()) {
      imported.put(i.group(2), i.group(1) + "." + i.group(2));
    }
    Set<String> taken = new HashSet<>();
    Matcher d = DECLARED.matcher(code);
    while (d.find()) {
      taken.add(d.group(1));
    }
    try (Stream<Path> siblings = Files.list(file.getParent())) {
      siblings
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".java"))
          .forEach(n -> taken.add(n.substring(0, n.length() - 5)));
    }
    String own = file.getFileName().toString().replace(".java", "");
    taken.remove(own);
    Map<String, Set<String>> bySimpleName = new HashMap<>();
    for (String line : code.split("\n")) {
      if (line.startsWith("import ") || line.startsWith("package ")) {
        continue;
      }
      Matcher q = QUALIFIED.matcher(line);
      while (q.find()) {
        bySimpleName.computeIfAbsent(q.group(2), k -> new HashSet<>()).add(q.group(1) + q.group(2));
      }
    }
    Set<String> needless = new TreeSet<>();
    bySimpleName.forEach(
        (simple, names) -> {
          String name = names.iterator().next();
          boolean free =
              names.size() == 1
                  && !taken.contains(simple)
                  && !simple.equals(own)
                  && (!imported.containsKey(simple) || imported.get(simple).equals(name));
          if (free) {
            needless.add(name);
          }
        });
    return needless;
  }

  private static String withoutCommentsAndStrings(String text) {
    return text.replaceAll("(?s)\"\"\".*?\"\"\"", "\"\"")
        .replaceAll("(?s)/\\*.*?\\*/", " ")
        .replaceAll("//[^\\n]*", "")
        .replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"")
        .replaceAll("'(?:\\\\.|[^'\\\\\\n])'", "' '");
  }
}
