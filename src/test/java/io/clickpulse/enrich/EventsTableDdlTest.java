package io.clickpulse.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.sink.LakeDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

/**
 * athena-ddl/tables/events.sql documents the events columns: the jobs must write exactly those, in
 * that order.
 */
class EventsTableDdlTest {
  private static final Pattern COLUMN =
      Pattern.compile(
          "^\\s+([a-z_0-9]+)\\s+([a-z]+(?:\\(\\d+,\\d+\\))?)\\s+COMMENT", Pattern.MULTILINE);

  @Test
  void theEnrichedEventsSchemaIsTheDdlsColumnList() throws Exception {
    String ddl = Files.readString(Path.of("athena-ddl/tables/events.sql"));
    String columnsPart = ddl.substring(ddl.indexOf('('), ddl.indexOf("PARTITIONED BY"));
    List<String> documented = new ArrayList<>();
    Matcher m = COLUMN.matcher(columnsPart);
    while (m.find()) {
      documented.add(m.group(1) + " " + m.group(2));
    }
    SparkSession spark = SparkTestSession.get();
    var events =
        Enrichers.standard(
                spark, ClickpulseConfig.fromArgs().enrich(), EnrichersTest.reference(spark))
            .eventsOf(EnrichersTest.decoded(spark, List.of()));
    List<String> written = new ArrayList<>();
    for (StructField f : events.schema().fields()) {
      written.add(f.name() + " " + f.dataType().catalogString());
    }
    assertThat(documented)
        .as("columns of athena-ddl/tables/events.sql")
        .containsExactlyElementsOf(written);
    assertThat(ddl)
        .contains(
            "PARTITIONED BY ("
                + String.join(" string, ", LakeDataset.EVENTS.partitionColumns())
                + " string)");
  }
}
