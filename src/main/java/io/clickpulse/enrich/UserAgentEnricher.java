package io.clickpulse.enrich;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import io.clickpulse.event.EventColumns;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Adds ua_browser, ua_browser_version, ua_os, ua_os_version, ua_device_class and is_bot from
 * user_agent.
 */
public final class UserAgentEnricher implements Enricher {
  static final StructType RESULT =
      new StructType()
          .add("browser", DataTypes.StringType)
          .add("browser_version", DataTypes.StringType)
          .add("os", DataTypes.StringType)
          .add("os_version", DataTypes.StringType)
          .add("device_class", DataTypes.StringType)
          .add("bot", DataTypes.BooleanType);

  private final boolean enabled;
  private final UserDefinedFunction classify;

  public UserAgentEnricher(boolean enabled, int cacheSize) {
    this.enabled = enabled;
    // the JVM's classifier, looked up once per task, not per row
    ExecutorLocal<UserAgentClassifier> classifier =
        new ExecutorLocal<>(() -> UserAgentClassifier.shared(cacheSize));
    this.classify =
        udf(
            (UDF1<String, Row>)
                ua -> {
                  UserAgentInfo i = classifier.get().classify(ua);
                  return RowFactory.create(
                      i.browser(),
                      i.browserVersion(),
                      i.os(),
                      i.osVersion(),
                      i.deviceClass(),
                      i.bot());
                },
            RESULT);
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> events) {
    return StructColumns.spread(
        events,
        enabled ? classify.apply(col(EventColumns.USER_AGENT)) : null,
        RESULT,
        List.of(
            EnrichedColumns.UA_BROWSER,
            EnrichedColumns.UA_BROWSER_VERSION,
            EnrichedColumns.UA_OS,
            EnrichedColumns.UA_OS_VERSION,
            EnrichedColumns.UA_DEVICE_CLASS,
            EnrichedColumns.IS_BOT));
  }
}
