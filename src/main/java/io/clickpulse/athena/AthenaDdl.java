package io.clickpulse.athena;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of athena-ddl/: tables (Hive DDL, run through Spark SQL), views and saved queries
 * (Trino SQL, run by Athena or Trino). One statement per file, run as written; the only
 * substitution is {@code ${lake}}, the lake's root URI in the catalog's scheme.
 */
public final class AthenaDdl {
  public static final String RESOURCE_ROOT = "clickpulse/athena-ddl";
  private static final Pattern TABLE_NAME =
      Pattern.compile(
          "CREATE\\s+EXTERNAL\\s+TABLE\\s+IF\\s+NOT\\s+EXISTS\\s+(\\w+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern PARTITIONS =
      Pattern.compile("PARTITIONED\\s+BY\\s*\\(([^)]*)\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern LOCATION =
      Pattern.compile("LOCATION\\s+'\\$\\{lake}/([^']*)'", Pattern.CASE_INSENSITIVE);

  /** One file: its name without .sql, the comment lines on top, and the statement. */
  public record Statement(String kind, String name, String description, String sql) {
    /** For table files: the table name, e.g. events. */
    public String tableName() {
      Matcher m = TABLE_NAME.matcher(sql);
      if (!m.find()) {
        throw new IllegalStateException(
            "athena-ddl/tables/" + name + ".sql has no CREATE EXTERNAL TABLE IF NOT EXISTS");
      }
      return m.group(1);
    }

    /** For table files: the partition columns, e.g. [year, month, day, hour]. */
    public List<String> partitionColumns() {
      Matcher m = PARTITIONS.matcher(sql);
      if (!m.find()) {
        return List.of();
      }
      List<String> cols = new ArrayList<>();
      for (String part : m.group(1).split(",")) {
        cols.add(part.trim().split("\\s+")[0]);
      }
      return cols;
    }

    /** For table files: the folder under the lake, e.g. events/ or aggregates/top_regions/. */
    public String lakeFolder() {
      Matcher m = LOCATION.matcher(sql);
      if (!m.find()) {
        throw new IllegalStateException(
            "athena-ddl/tables/" + name + ".sql: LOCATION must be '${lake}/<folder>/'");
      }
      return m.group(1);
    }

    /** The statement with ${lake} replaced. */
    public String sqlFor(String lakeRoot) {
      return sql.replace("${lake}", lakeRoot);
    }
  }

  private final Map<String, List<Statement>> byKind;

  private AthenaDdl(Map<String, List<Statement>> byKind) {
    this.byKind = byKind;
  }

  /** From a folder (a checkout's athena-ddl/), or, if empty, the copy inside the job jar. */
  public static AthenaDdl load(Optional<String> dir) {
    if (dir.isPresent()) {
      return fromRoot(Path.of(dir.get()));
    }
    URL url = AthenaDdl.class.getClassLoader().getResource(RESOURCE_ROOT + "/tables");
    if (url == null) {
      throw new IllegalStateException(
          "the job jar has no "
              + RESOURCE_ROOT
              + "/ (set catalog.ddl-dir to an athena-ddl folder)");
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        return fromRoot(fs.getPath(RESOURCE_ROOT));
      }
      return fromRoot(Path.of(uri).getParent());
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot read " + url, e);
    }
  }

  static AthenaDdl fromRoot(Path root) {
    if (!Files.isDirectory(root.resolve("tables"))) {
      throw new IllegalStateException(root + " is not an athena-ddl folder (no tables/ in it)");
    }
    return new AthenaDdl(
        Map.of(
            "tables",
            read(root, "tables"),
            "views",
            read(root, "views"),
            "queries",
            read(root, "queries")));
  }

  private static List<Statement> read(Path root, String kind) {
    Path dir = root.resolve(kind);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Statement> out = new ArrayList<>();
      for (Path f :
          files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8).strip();
        StringBuilder description = new StringBuilder();
        for (String line : text.split("\n")) {
          if (!line.startsWith("--")) {
            break;
          }
          description.append(description.length() == 0 ? "" : " ").append(line.substring(2).trim());
        }
        String name = f.getFileName().toString();
        out.add(
            new Statement(
                kind, name.substring(0, name.length() - 4), description.toString(), text));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + dir, e);
    }
  }

  public List<Statement> tables() {
    return byKind.get("tables");
  }

  public List<Statement> views() {
    return byKind.get("views");
  }

  public List<Statement> queries() {
    return byKind.get("queries");
  }
}
