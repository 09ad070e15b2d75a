package io.clickpulse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout rules of the main code, read from its sources: no package uses one that uses it back
 * (at every package level, subpackages included), and nothing outside the dev harness uses it.
 */
class PackageLayoutTest {
  private static final Path MAIN =
      Path.of(System.getProperty("clickpulse.projectDir", "."), "src/main/java");
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  // an import, static import or inline qualified name: the package is the part before the first
  // capital
  private static final Pattern REFERENCE =
      Pattern.compile("\\b(io\\.clickpulse(?:\\.[a-z_][a-z0-9_]*)+)\\.[A-Z]");

  /** Package → the packages its classes name, with one file that does, for the failure message. */
  private static Map<String, Map<String, String>> graph() {
    Map<String, Map<String, String>> edges = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String text = Files.readString(file);
        Matcher p = PACKAGE.matcher(text);
        assertThat(p.find()).as("package line in " + file).isTrue();
        String own = p.group(1);
        Map<String, String> out = edges.computeIfAbsent(own, k -> new TreeMap<>());
        Matcher r = REFERENCE.matcher(text);
        while (r.find()) {
          if (!r.group(1).equals(own)) {
            out.putIfAbsent(r.group(1), file.getFileName().toString());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return edges;
  }

  @Test
  void noPackageUsesOneThatUsesItBack() {
    Map<String, Map<String, String>> edges = graph();
    assertThat(edges).hasSizeGreaterThan(15);
    List<String> cycles = new ArrayList<>();
    for (Set<String> component : stronglyConnected(edges)) {
      if (component.size() > 1) {
        List<String> links = new ArrayList<>();
        for (String from : component) {
          edges
              .get(from)
              .forEach(
                  (to, file) -> {
                    if (component.contains(to)) {
                      links.add(from + " -> " + to + " (" + file + ")");
                    }
                  });
        }
        cycles.add(String.join(", ", links));
      }
    }
    assertThat(cycles).as("package loops").isEmpty();
  }

  @Test
  void onlyTheDevHarnessUsesTheDevHarness() {
    List<String> offenders = new ArrayList<>();
    graph()
        .forEach(
            (pkg, out) ->
                out.forEach(
                    (to, file) -> {
                      if (!pkg.startsWith("io.clickpulse.dev")
                          && to.startsWith("io.clickpulse.dev")) {
                        offenders.add(pkg + " -> " + to + " (" + file + ")");
                      }
                    }));
    assertThat(offenders).isEmpty();
  }

  @Test
  void theReadmeLayoutNamesEveryTopLevelPackage() throws IOException {
    String readme = Files.readString(MAIN.resolve("../../../README.md").normalize());
    String layout =
        readme.substring(
            readme.indexOf("## Layout"), readme.indexOf("\n## ", readme.indexOf("## Layout") + 3));
    Set<String> top = new TreeSet<>();
    for (String pkg : graph().keySet()) {
      top.add(pkg.split("\\.")[2]);
    }
    assertThat(top).allSatisfy(name -> assertThat(layout).as("README layout").contains(name + "/"));
  }

  /** Tarjan's strongly connected components, iterative enough for a few dozen packages. */
  private static List<Set<String>> stronglyConnected(Map<String, Map<String, String>> edges) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String v : edges.keySet()) {
      if (!index.containsKey(v)) {
        visit(v, edges, index, low, stack, onStack, out, counter);
      }
    }
    return out;
  }

  private static void visit(
      String v,
      Map<String, Map<String, String>> edges,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<Set<String>> out,
      int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]++);
    stack.push(v);
    onStack.add(v);
    for (String w : edges.getOrDefault(v, Map.of()).keySet()) {
      if (!index.containsKey(w)) {
        visit(w, edges, index, low, stack, onStack, out, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      out.add(component);
    }
  }
}
