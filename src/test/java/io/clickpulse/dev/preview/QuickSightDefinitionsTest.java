package io.clickpulse.dev.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickpulse.athena.AthenaDdl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.quicksight.model.CreateAnalysisRequest;
import software.amazon.awssdk.services.quicksight.model.CreateDashboardRequest;
import software.amazon.awssdk.services.quicksight.model.CreateDataSetRequest;
import software.amazon.awssdk.services.quicksight.model.CreateDataSourceRequest;

/** quicksight/ against the QuickSight API model, its data sets and the Athena views behind them. */
class QuickSightDefinitionsTest {
  private static final QuickSightFiles files =
      QuickSightFiles.load(Path.of("quicksight"), QuickSightFiles.EXAMPLE);

  @Test
  void everyRequestFitsTheApiModel() throws Exception {
    List<String> problems = new ArrayList<>();
    QuickSightModel.read(files.dataSource(), CreateDataSourceRequest.class, problems);
    for (JsonNode ds : files.dataSets().values()) {
      QuickSightModel.read(ds, CreateDataSetRequest.class, problems);
    }
    CreateAnalysisRequest analysis =
        QuickSightModel.read(files.analysis(), CreateAnalysisRequest.class, problems);
    CreateDashboardRequest dashboard =
        QuickSightModel.read(files.dashboard(), CreateDashboardRequest.class, problems);
    assertThat(problems).isEmpty();
    assertThat(analysis.definition().sheets().get(0).visuals()).hasSize(files.visuals().size());
    assertThat(dashboard.definition().sheets().get(0).visuals()).hasSize(files.visuals().size());
    assertThat(dashboard.definition().filterGroups())
        .hasSameSizeAs(analysis.definition().filterGroups());
  }

  @Test
  void theModelCheckCatchesUnknownFieldsBadEnumsAndMissingRequiredMembers() throws Exception {
    ObjectNode unknown = files.dataSource().deepCopy();
    unknown.put("Colour", "blue");
    Assertions.assertThatThrownBy(
            () -> QuickSightModel.read(unknown, CreateDataSourceRequest.class, new ArrayList<>()))
        .hasMessageContaining("Colour");
    ObjectNode badEnum = files.dataSource().deepCopy();
    badEnum.put("Type", "ATHENAA");
    List<String> problems = new ArrayList<>();
    QuickSightModel.read(badEnum, CreateDataSourceRequest.class, problems);
    assertThat(problems).singleElement().asString().contains("Type").contains("ATHENAA");
    ObjectNode missing = files.dataSource().deepCopy();
    missing.remove("Name");
    problems.clear();
    QuickSightModel.read(missing, CreateDataSourceRequest.class, problems);
    assertThat(problems).singleElement().asString().contains("Name").contains("required");
  }

  @Test
  void everyColumnAVisualOrFilterUsesIsInItsDataSet() {
    Map<String, Map<String, String>> columns = new TreeMap<>();
    files.dataSets().forEach((name, ds) -> columns.put(name, QuickSightFiles.columns(ds)));
    List<Map.Entry<String, String>> refs = QuickSightFiles.columnRefs(files.definition());
    assertThat(refs).isNotEmpty();
    for (Map.Entry<String, String> ref : refs) {
      assertThat(columns).as("data set of " + ref).containsKey(ref.getKey());
      assertThat(columns.get(ref.getKey()))
          .as("columns of data set " + ref.getKey())
          .containsKey(ref.getValue());
    }
    // geographic roles sit on columns the data set has
    files
        .dataSets()
        .forEach(
            (name, ds) ->
                QuickSightFiles.valuesOf(ds, "ColumnName")
                    .forEach(c -> assertThat(columns.get(name)).as(name).containsKey(c)));
  }

  @Test
  void idsAreUniqueAndReferencesResolve() {
    JsonNode d = files.definition();
    List<String> visualIds = new ArrayList<>();
    for (JsonNode sheet : d.path("Sheets")) {
      sheet
          .path("Visuals")
          .forEach(v -> visualIds.add(v.elements().next().path("VisualId").asText()));
    }
    for (String idField : List.of("VisualId", "FilterGroupId", "FilterId")) {
      List<String> ids = QuickSightFiles.valuesOf(d, idField);
      if (idField.equals("VisualId")) {
        assertThat(visualIds).doesNotHaveDuplicates();
        assertThat(visualIds).containsAll(ids); // filter scopes name visuals that exist
      } else {
        assertThat(ids).as(idField).doesNotHaveDuplicates();
      }
    }
    // field ids are unique, and sorts and series name fields of their own visual
    Set<String> allFields = new HashSet<>();
    for (Map.Entry<String, JsonNode> v : files.visuals()) {
      JsonNode wells = v.getValue().path("ChartConfiguration").path("FieldWells");
      List<String> fields = new ArrayList<>();
      wells.findValues("FieldId").forEach(f -> fields.add(f.asText()));
      assertThat(fields).as(v.getKey()).isNotEmpty();
      fields.forEach(
          f -> assertThat(allFields.add(f)).as("field id " + f + " used twice").isTrue());
      JsonNode config = v.getValue().path("ChartConfiguration");
      for (String section : List.of("SortConfiguration", "Series")) {
        config
            .path(section)
            .findValues("FieldId")
            .forEach(f -> assertThat(fields).as(v.getKey() + " " + section).contains(f.asText()));
      }
    }
    // declared data sets are the data set files, and each data set reads through the data source
    String dataSourceArn =
        "arn:aws:quicksight:us-east-1:123456789012:datasource/"
            + files.dataSource().get("DataSourceId").asText();
    Set<String> declared = new HashSet<>();
    d.path("DataSetIdentifierDeclarations")
        .forEach(
            x -> {
              declared.add(x.get("Identifier").asText());
              JsonNode ds = files.dataSets().get(x.get("Identifier").asText());
              assertThat(ds).as(x.get("Identifier").asText()).isNotNull();
              assertThat(x.get("DataSetArn").asText())
                  .endsWith(":dataset/" + ds.get("DataSetId").asText());
              assertThat(QuickSightFiles.valuesOf(ds, "DataSourceArn")).containsOnly(dataSourceArn);
            });
    assertThat(declared).isEqualTo(files.dataSets().keySet());
  }

  @Test
  void everyDataSetReadsAnAthenaViewOfTheRepository() {
    Set<String> views = new HashSet<>();
    AthenaDdl.load(Optional.of("athena-ddl")).views().forEach(v -> views.add(v.name()));
    files
        .dataSets()
        .forEach(
            (name, ds) -> {
              assertThat(QuickSightFiles.view(ds)).as(name).isEqualTo(name);
              assertThat(views).contains(name);
              assertThat(ds.get("ImportMode").asText()).isIn("SPICE", "DIRECT_QUERY");
            });
  }
}
