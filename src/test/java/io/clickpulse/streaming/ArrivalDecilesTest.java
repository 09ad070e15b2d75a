package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import io.clickpulse.event.EventColumns;
import io.clickpulse.sink.SinglePassWrite;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The freshness deciles, from the arrival times the batch's tasks collect. */
class ArrivalDecilesTest {
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  /** 100 rows arriving one a second from T0, shuffled over three tasks; one without a time. */
  private static Dataset<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (int i = 99; i >= 0; i--) {
      rows.add(RowFactory.create("e" + i, Timestamp.from(T0.plusSeconds(i))));
    }
    rows.add(RowFactory.create("no-time", null));
    StructType schema =
        new StructType()
            .add(EventColumns.EVENT_ID, DataTypes.StringType)
            .add(EventColumns.ARRIVAL_TIME, DataTypes.TimestampType);
    return SparkTestSession.get().createDataFrame(rows, schema).repartition(3);
  }

  @Test
  void decilesAreTheNearestRanksOfEveryTasksArrivalTimes() {
    ArrivalDeciles deciles = new ArrivalDeciles(true);
    Dataset<Row> rows = rows();

    var arrivals = deciles.of(SinglePassWrite.fold(rows, deciles.fold(rows.schema())));

    assertThat(arrivals.records()).isEqualTo(100);
    double t0 = T0.toEpochMilli();
    assertThat(arrivals.decilesMs())
        .containsExactly(
            t0,
            t0 + 9_000,
            t0 + 19_000,
            t0 + 29_000,
            t0 + 39_000,
            t0 + 49_000,
            t0 + 59_000,
            t0 + 69_000,
            t0 + 79_000,
            t0 + 89_000,
            t0 + 99_000);
  }

  @Test
  void notAskedGivesNone() {
    ArrivalDeciles deciles = new ArrivalDeciles(false);
    Dataset<Row> rows = rows();

    var arrivals = deciles.of(SinglePassWrite.fold(rows, deciles.fold(rows.schema())));

    assertThat(arrivals).isEqualTo(ArrivalDeciles.Arrivals.NONE);
  }
}
