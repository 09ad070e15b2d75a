package io.clickpulse.athena;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.sink.LakeDataset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The athena-ddl files are well-formed: a table per file, in the folder, with the partitions and
 * the format its sink/LakeDataset declares, one per dataset in the catalog; views and queries
 * described.
 */
class AthenaDdlTest {
  private final AthenaDdl ddl = AthenaDdl.load(Optional.of(Path.of("athena-ddl").toString()));

  @Test
  void everyTableFileDeclaresOneExternalTableInTheLake() {
    assertThat(ddl.tables())
        .extracting(AthenaDdl.Statement::tableName)
        .containsExactlyInAnyOrder(
            "agg_actions_per_customer",
            "agg_events_by_country",
            "agg_product_funnel",
            "agg_sessions_by_duration",
            "agg_top_regions",
            "bad_records",
            "events",
            "raw_events",
            "sessions",
            "stagger_sessions");
    for (AthenaDdl.Statement t : ddl.tables()) {
      assertThat(t.tableName()).as(t.name()).isEqualTo(t.name());
      assertThat(t.description()).as(t.name()).isNotBlank();
      assertThat(t.lakeFolder()).as(t.name()).endsWith("/");
      assertThat(t.partitionColumns()).as(t.name()).startsWith("year", "month", "day");
      assertThat(t.sqlFor("s3://lake"))
          .as(t.name())
          .doesNotContain("${")
          .contains("LOCATION 's3://lake/");
      // the table reads what the jobs write: the dataset's folder, partitions and format
      LakeDataset dataset =
          LakeDataset.byTable(t.tableName())
              .orElseThrow(() -> new AssertionError(t.name() + ": no LakeDataset"));
      assertThat(t.lakeFolder()).as(t.name()).isEqualTo(dataset.folder() + "/");
      assertThat(t.partitionColumns())
          .as(t.name())
          .containsExactlyElementsOf(dataset.partitionColumns());
      assertThat(t.sql()).as(t.name()).contains(dataset.format().hiveStorage());
    }
    assertThat(ddl.tables())
        .extracting(AthenaDdl.Statement::tableName)
        .containsExactlyInAnyOrderElementsOf(
            LakeDataset.inCatalog().stream().map(LakeDataset::table).toList());
    assertThat(
            ddl.tables().stream()
                .filter(t -> t.name().equals("events"))
                .findFirst()
                .orElseThrow()
                .partitionColumns())
        .containsExactly("year", "month", "day", "hour");
  }

  @Test
  void viewsAndQueriesAreDescribedSingleStatements() {
    assertThat(ddl.views())
        .extracting(AthenaDdl.Statement::name)
        .contains(
            "events_today",
            "events_this_month",
            "sessions_today",
            "sessions_by_duration",
            "high_intent_views",
            "events_by_country",
            "last_search_per_user",
            "product_demand_vs_price",
            "clicks_by_element",
            "events_by_city",
            "sessions_this_month",
            "stagger_sessions_today",
            "stagger_sessions_this_month",
            "stagger_sessions_by_duration",
            "last_access_per_user");
    for (AthenaDdl.Statement v : ddl.views()) {
      assertThat(v.sql()).as(v.name()).contains("CREATE OR REPLACE VIEW " + v.name() + " AS");
      assertThat(v.description()).as(v.name()).isNotBlank();
      assertThat(code(v.sql())).as(v.name()).doesNotContain(";");
    }
    assertThat(ddl.queries()).isNotEmpty();
    for (AthenaDdl.Statement q : ddl.queries()) {
      assertThat(q.description()).as(q.name()).endsWith("?");
      assertThat(code(q.sql())).as(q.name()).doesNotContain(";");
    }
  }

  /** The statement without its comment lines. */
  private static String code(String sql) {
    return sql.lines().filter(l -> !l.trim().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
  }

  @Test
  void theJobJarCarriesTheSameFiles() {
    // target/classes holds the copy packaged into the job jar (Maven's resources step)
    AthenaDdl packaged = AthenaDdl.load(Optional.empty());
    assertThat(packaged.tables())
        .extracting(AthenaDdl.Statement::sql)
        .containsExactlyElementsOf(ddl.tables().stream().map(AthenaDdl.Statement::sql).toList());
    assertThat(packaged.views()).hasSameSizeAs(ddl.views());
  }

  @Test
  void queryResultsPrintAsAnAlignedTable() {
    QueryResult r =
        new QueryResult(
            List.of("country", "events"), List.of(List.of("US", "12"), Arrays.asList("GB", null)));
    assertThat(r.toTable())
        .isEqualTo(
            "country | events\n------- | ------\nUS      | 12    \nGB      | null  \n(2 rows)");
  }
}
