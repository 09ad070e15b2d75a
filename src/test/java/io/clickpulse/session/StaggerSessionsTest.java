package io.clickpulse.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickpulse.SparkTestSession;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Known answers computed by hand from the Kinesis Data Analytics SQL (seed 003). */
class StaggerSessionsTest {
  static final StructType EVENTS =
      new StructType()
          .add("event_id", DataTypes.StringType)
          .add("user_id", DataTypes.StringType)
          .add("device_id", DataTypes.StringType)
          .add("event_name", DataTypes.StringType)
          .add("event_time", DataTypes.TimestampType);

  static Row ev(String id, String user, String device, String name, String isoTime) {
    return RowFactory.create(id, user, device, name, Timestamp.from(Instant.parse(isoTime)));
  }

  // 1543534500 = 2018-11-29T23:35:00Z
  static final List<Row> ROWS =
      List.of(
          ev("e3", "20", "mobile", "beer_checkout", "2018-11-29T23:35:21.250Z"), // out of order
          ev("e1", "20", "mobile", "beer_vitrine_nav", "2018-11-29T23:35:02.100Z"),
          ev("e2", "20", "mobile", "beer_product_detail", "2018-11-29T23:35:10.999Z"),
          ev(
              "e4",
              "20",
              "mobile",
              "beer_vitrine_nav",
              "2018-11-29T23:35:30.000Z"), // exactly at the step
          ev(
              "e5",
              "20",
              "computer",
              "beer_vitrine_nav",
              "2018-11-29T23:35:05.000Z"), // other device
          ev("e6", "1234", "tablet", "beer_checkout", "2018-11-29T23:35:59.999Z"),
          ev(
              "e7",
              null,
              "tablet",
              "beer_checkout",
              "2018-11-29T23:35:40.000Z")); // no user: not a session

  @Test
  void thirtySecondStepSessionsMatchTheKdaColumns() {
    Dataset<Row> events = SparkTestSession.get().createDataFrame(ROWS, EVENTS);
    List<Row> out =
        StaggerSessions.sessions(events, StaggerSessions.STEP_30_SECONDS)
            .orderBy("session_id")
            .collectAsList();
    assertThat(out)
        .extracting(r -> r.getString(0))
        .containsExactly(
            "123_TAB1543534530", "20_COM1543534500", "20_MOB1543534500", "20_MOB1543534530");
    assertThat(out.get(0).schema().fieldNames())
        .containsExactly(
            "session_id",
            "user_id",
            "device_id",
            "timeagg",
            "events",
            "beginnavigation",
            "endnavigation",
            "beginsession",
            "endsession",
            "duration_sec");
    Row mob = out.get(2);
    assertThat(mob.getString(1)).isEqualTo("20");
    assertThat(mob.getString(2)).isEqualTo("mobile");
    assertThat(((Timestamp) mob.get(3)).toInstant())
        .isEqualTo(Instant.parse("2018-11-29T23:35:00Z"));
    assertThat(mob.getInt(4)).isEqualTo(3);
    assertThat(mob.getString(5)).isEqualTo("beer_vitrine_nav");
    assertThat(mob.getString(6)).isEqualTo("beer_checkout");
    assertThat(mob.getString(7)).isEqualTo("35:02.100");
    assertThat(mob.getString(8)).isEqualTo("35:21.250");
    assertThat(mob.getInt(9)).isEqualTo(19); // 19.15 s, truncated
    Row atStep = out.get(3);
    assertThat(atStep.getInt(4)).isEqualTo(1);
    assertThat(atStep.getInt(9)).isZero();
    assertThat(out.get(0).getString(1)).isEqualTo("1234");
  }

  @Test
  void minuteFloorSessions() {
    Dataset<Row> events = SparkTestSession.get().createDataFrame(ROWS, EVENTS);
    List<Row> out =
        StaggerSessions.sessions(events, StaggerSessions.FLOOR_MINUTE)
            .orderBy("session_id")
            .collectAsList();
    assertThat(out)
        .extracting(r -> r.getString(0))
        .containsExactly("123_TAB1543534500", "20_COM1543534500", "20_MOB1543534500");
    Row mob = out.get(2);
    assertThat(mob.getInt(4)).isEqualTo(4);
    assertThat(mob.getString(6)).isEqualTo("beer_vitrine_nav");
    assertThat(mob.getString(8)).isEqualTo("35:30.000");
    assertThat(mob.getInt(9)).isEqualTo(27);
  }

  @Test
  void stepMustBeWholeSeconds() {
    assertThatThrownBy(
            () ->
                StaggerSessions.sessions(
                    SparkTestSession.get().createDataFrame(ROWS, EVENTS), Duration.ofMillis(1500)))
        .hasMessageContaining("whole seconds");
  }
}
