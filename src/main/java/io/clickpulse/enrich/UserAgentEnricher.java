package io.clickpulse.enrich;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Adds ua_browser, ua_browser_version, ua_os, ua_os_version, ua_device_class and is_bot from user_agent. */
public final class UserAgentEnricher implements Enricher {
  static final StructType RESULT = new StructType()
      .add("browser", DataTypes.StringType).add("browser_version", DataTypes.StringType)
      .add("os", DataTypes.StringType).add("os_version", DataTypes.StringType)
      .add("device_class", DataTypes.StringType).add("bot", DataTypes.BooleanType);

  private final boolean enabled;
  private final UserDefinedFunction classify;

  public UserAgentEnricher(boolean enabled, int cacheSize) {
    this.enabled = enabled;
    this.classify = udf((UDF1<String, Row>) new ExecutorClassifier(cacheSize)::classify, RESULT);
  }

  /** The executor's shared classifier, looked up once per deserialized copy (per task), not per row. */
  private static final class ExecutorClassifier implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int cacheSize;
    private transient UserAgentClassifier classifier;

    ExecutorClassifier(int cacheSize) {
      this.cacheSize = cacheSize;
    }

    Row classify(String ua) {
      if (classifier == null) {
        classifier = UserAgentClassifier.shared(cacheSize);
      }
      UserAgentInfo i = classifier.classify(ua);
      return RowFactory.create(i.browser(), i.browserVersion(), i.os(), i.osVersion(), i.deviceClass(), i.bot());
    }
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> events) {
    return StructColumns.spread(events, enabled ? classify.apply(col("user_agent")) : null, RESULT,
        List.of("ua_browser", "ua_browser_version", "ua_os", "ua_os_version", "ua_device_class", "is_bot"));
  }
}
