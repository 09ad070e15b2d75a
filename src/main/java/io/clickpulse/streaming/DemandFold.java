package io.clickpulse.streaming;

import io.clickpulse.aggregate.DemandPartials;
import io.clickpulse.enrich.EnrichedColumns;
import io.clickpulse.event.EventColumns;
import io.clickpulse.sink.TaskFold;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.StructType;

/**
 * The lake batch's partial demand, folded by the tasks that write its files from the rows they
 * write (the accepted events, by the flag column {@code when}), read by column name from the wide
 * rows: no Spark job of its own re-reading the batch for demand.
 */
final class DemandFold implements TaskFold<DemandPartials> {
  private static final long serialVersionUID = 1L;

  private final Duration window;
  private final int when;
  private final int productId;
  private final int eventTime;
  private final int eventName;
  private final int price;
  private final int userId;
  private final int basePrice;
  private final int currentPrice;
  private final int unitsSold24h;
  private final int productKnown;
  private final DataType[] types;

  DemandFold(StructType wide, String when, Duration window) {
    this.window = window;
    this.types = Arrays.stream(wide.fields()).map(f -> f.dataType()).toArray(DataType[]::new);
    this.when = wide.fieldIndex(when);
    this.productId = wide.fieldIndex(EventColumns.PRODUCT_ID);
    this.eventTime = wide.fieldIndex(EventColumns.EVENT_TIME);
    this.eventName = wide.fieldIndex(EventColumns.EVENT_NAME);
    this.price = wide.fieldIndex(EventColumns.PRICE);
    this.userId = wide.fieldIndex(EventColumns.USER_ID);
    // the catalog's columns: absent when the batch runs without its enricher (the bench's baseline)
    this.basePrice = optional(wide, EnrichedColumns.BASE_PRICE);
    this.currentPrice = optional(wide, EnrichedColumns.CURRENT_PRICE);
    this.unitsSold24h = optional(wide, EnrichedColumns.UNITS_SOLD_24H);
    this.productKnown = optional(wide, EnrichedColumns.PRODUCT_KNOWN);
  }

  private static int optional(StructType wide, String column) {
    return Arrays.asList(wide.fieldNames()).indexOf(column);
  }

  @Override
  public DemandPartials empty() {
    return new DemandPartials(window);
  }

  @Override
  public void add(DemandPartials partials, InternalRow row) {
    if (row.isNullAt(when) || !row.getBoolean(when) || row.isNullAt(productId)) {
      return;
    }
    partials.add(
        row.getLong(productId),
        row.getLong(eventTime),
        text(row, eventName),
        decimal(row, price),
        text(row, userId),
        decimal(row, basePrice),
        decimal(row, currentPrice),
        present(row, unitsSold24h) ? row.getLong(unitsSold24h) : null,
        present(row, productKnown) ? row.getBoolean(productKnown) : null);
  }

  @Override
  public DemandPartials merge(DemandPartials left, DemandPartials right) {
    return left.merge(right);
  }

  private static boolean present(InternalRow row, int ordinal) {
    return ordinal >= 0 && !row.isNullAt(ordinal);
  }

  private static String text(InternalRow row, int ordinal) {
    return present(row, ordinal) ? row.getUTF8String(ordinal).toString() : null;
  }

  private BigDecimal decimal(InternalRow row, int ordinal) {
    return present(row, ordinal)
        ? ((Decimal) row.get(ordinal, types[ordinal])).toJavaBigDecimal()
        : null;
  }
}
