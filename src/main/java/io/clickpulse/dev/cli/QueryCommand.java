package io.clickpulse.dev.cli;

import io.clickpulse.athena.AthenaDdl;
import io.clickpulse.athena.QueryResult;
import io.clickpulse.athena.SqlEngine;
import io.clickpulse.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code clickpulse query "SQL"} (or {@code query --saved NAME}): one statement on Athena, or on
 * the local stack's Trino, printed as a table. Table names are clickpulse's database's.
 */
final class QueryCommand {
  private final Path projectDir;

  QueryCommand(Path projectDir) {
    this.projectDir = projectDir;
  }

  int run(List<String> args) {
    List<String> rest = new ArrayList<>(args);
    String sql = null;
    if (rest.size() >= 2 && rest.get(0).equals("--saved")) {
      String name = rest.get(1);
      rest = rest.subList(2, rest.size());
      sql =
          AthenaDdl.load(Optional.of(projectDir.resolve("athena-ddl").toString()))
              .queries()
              .stream()
              .filter(q -> q.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "query: no saved query '" + name + "' in athena-ddl/queries"))
              .sql();
    } else if (!rest.isEmpty() && !rest.get(0).startsWith("--")) {
      sql = rest.get(0);
      rest = rest.subList(1, rest.size());
    }
    if (sql == null) {
      throw new ConfigException(
          "query: give a statement, e.g. ./clickpulse query \"SELECT * FROM events_by_country LIMIT 10\","
              + " or --saved NAME (athena-ddl/queries)");
    }
    CommandContext ctx = CommandContext.load(projectDir, rest, false);
    try (SqlEngine engine = SqlEngine.from(ctx.config().batch(), ctx.config().aws())) {
      QueryResult r = engine.execute(sql);
      System.out.println(r.toTable());
    }
    return 0;
  }
}
