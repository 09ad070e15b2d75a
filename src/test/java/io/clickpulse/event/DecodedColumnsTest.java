package io.clickpulse.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The record, its builder, the column names and the decoded schema cannot drift apart: each {@link
 * ClickEventRecord} component is one column of {@link DecodedSchema#EVENT} (its name in snake case)
 * and lands there, and every column name is declared once in {@link EventColumns}.
 */
class DecodedColumnsTest {
  static final RecordComponent[] COMPONENTS = ClickEventRecord.class.getRecordComponents();

  static String column(RecordComponent c) {
    return c.getName().replaceAll("([A-Z])", "_$1").toLowerCase();
  }

  @Test
  void everyComponentHasItsEventColumnAndEveryEventColumnItsComponent() {
    List<String> components = Arrays.stream(COMPONENTS).map(DecodedColumnsTest::column).toList();
    assertThat(DecodedSchema.EVENT.fieldNames()).containsExactlyInAnyOrderElementsOf(components);
  }

  @Test
  void everyDecodedColumnIsDeclaredOnceInEventColumns() throws IllegalAccessException {
    List<String> declared = new ArrayList<>();
    for (Field f : EventColumns.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        declared.add((String) f.get(null));
      }
    }
    assertThat(declared)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrder(DecodedSchema.DECODED.fieldNames());
  }

  @Test
  void theBuilderSetsEachComponentByItsName() throws ReflectiveOperationException {
    ClickEventRecord.Builder b = ClickEventRecord.builder();
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < COMPONENTS.length; i++) {
      Object v = distinct(COMPONENTS[i].getType(), i);
      values.add(v);
      ClickEventRecord.Builder.class
          .getMethod(COMPONENTS[i].getName(), COMPONENTS[i].getType())
          .invoke(b, v);
    }
    ClickEventRecord e = b.build();
    for (int i = 0; i < COMPONENTS.length; i++) {
      assertThat(COMPONENTS[i].getAccessor().invoke(e))
          .as(COMPONENTS[i].getName())
          .isEqualTo(values.get(i));
    }
  }

  @Test
  void aDecodedRowHoldsEachComponentInItsOwnColumn() throws ReflectiveOperationException {
    // distinct values in every field, so that two columns swapped show (pixel and UI shapes cover
    // every component)
    String pixel =
        """
        {"timestamp": "2021-07-12 12:01:58.1", "user_id": "u-35", "device_id": "d-1", "pixel_id": "px-1",
         "click_id": "c-1", "insertion_timestamp": "2021-07-12 12:01:58.2", "event_name": "Purchase",
         "user_ip": "81.2.69.142", "user_agent": "ua-1", "page_url": "https://shop.example/p", "referrer": "https://ref.example/",
         "additional_data": {"time_on_data": 79, "percent_viewed": 39.7, "product_id": 557246, "price": 417.97}}""";
    String ui =
        """
        {"element_clicked": "menu_button", "time_spent": 12.5, "restaurant_name": "Bella", "created_at": 1626091300000,
         "user_id": "u-36", "device_id": "d-2", "user_ip": "81.2.69.143", "user_agent": "ua-2",
         "page_url": "https://shop.example/q", "referrer": "https://ref.example/2"}""";
    int set = 0;
    for (String json : List.of(pixel, ui)) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      ClickEventRecord e = EventDecoderTest.DECODER.decode(bytes, EventDecoderTest.ARRIVAL).event();
      Row row =
          RecordDecoding.toRow(
              EventDecoderTest.DECODER, bytes, "pk", "1", EventDecoderTest.ARRIVAL);
      for (RecordComponent c : COMPONENTS) {
        Object value = c.getAccessor().invoke(e);
        Object expected = value instanceof Instant t ? Timestamp.from(t) : value;
        assertThat(row.get(DecodedSchema.index(column(c)))).as(column(c)).isEqualTo(expected);
        set += value == null ? 0 : 1;
      }
    }
    assertThat(set)
        .as("components set over both shapes")
        .isGreaterThanOrEqualTo(COMPONENTS.length + 8);
  }

  private static Object distinct(Class<?> type, int i) {
    if (type == String.class) {
      return "v" + i;
    }
    if (type == Instant.class) {
      return Instant.ofEpochSecond(i);
    }
    if (type == Long.class) {
      return (long) i;
    }
    if (type == Integer.class) {
      return i;
    }
    if (type == Double.class) {
      return i + 0.5;
    }
    if (type == BigDecimal.class) {
      return BigDecimal.valueOf(i);
    }
    throw new IllegalArgumentException("no distinct value for " + type);
  }
}
