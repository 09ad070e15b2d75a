package io.clickpulse.dev.preview;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.RequiredTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Checks a QuickSight API request body against the AWS SDK v2 model: the JSON is read into the
 * request's serializable builder (unknown fields fail), then the built request is walked for
 * required members that are missing (the SDK's RequiredTrait, or {@link #REQUIRED}) and enum values
 * the API does not know.
 */
final class QuickSightModel {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /**
   * Members the QuickSight API Reference marks "Required: Yes", for the shapes quicksight/ uses:
   * this SDK version's model carries no RequiredTrait for QuickSight, so they are listed here.
   */
  static final Map<String, Set<String>> REQUIRED =
      Map.ofEntries(
          Map.entry(
              "CreateDataSourceRequest", Set.of("AwsAccountId", "DataSourceId", "Name", "Type")),
          Map.entry(
              "CreateDataSetRequest",
              Set.of("AwsAccountId", "DataSetId", "Name", "PhysicalTableMap", "ImportMode")),
          Map.entry("CreateAnalysisRequest", Set.of("AwsAccountId", "AnalysisId", "Name")),
          Map.entry("CreateDashboardRequest", Set.of("AwsAccountId", "DashboardId", "Name")),
          Map.entry("RelationalTable", Set.of("DataSourceArn", "Name", "InputColumns")),
          Map.entry("InputColumn", Set.of("Name", "Type")),
          Map.entry("LogicalTable", Set.of("Alias", "Source")),
          Map.entry("TagColumnOperation", Set.of("ColumnName", "Tags")),
          Map.entry("ResourcePermission", Set.of("Principal", "Actions")),
          Map.entry("Tag", Set.of("Key", "Value")),
          Map.entry("DataSetIdentifierDeclaration", Set.of("Identifier", "DataSetArn")),
          Map.entry("SheetDefinition", Set.of("SheetId")),
          Map.entry("ColumnIdentifier", Set.of("DataSetIdentifier", "ColumnName")),
          Map.entry("CategoricalDimensionField", Set.of("FieldId", "Column")),
          Map.entry("DateDimensionField", Set.of("FieldId", "Column")),
          Map.entry("NumericalDimensionField", Set.of("FieldId", "Column")),
          Map.entry("NumericalMeasureField", Set.of("FieldId", "Column")),
          Map.entry("FieldSort", Set.of("FieldId", "Direction")),
          Map.entry("FieldSeriesItem", Set.of("FieldId", "AxisBinding")),
          Map.entry("PieChartVisual", Set.of("VisualId")),
          Map.entry("FilledMapVisual", Set.of("VisualId")),
          Map.entry("GeospatialMapVisual", Set.of("VisualId")),
          Map.entry("TableVisual", Set.of("VisualId")),
          Map.entry("BarChartVisual", Set.of("VisualId")),
          Map.entry("TreeMapVisual", Set.of("VisualId")),
          Map.entry("HistogramVisual", Set.of("VisualId")),
          Map.entry("FunnelChartVisual", Set.of("VisualId")),
          Map.entry("LineChartVisual", Set.of("VisualId")),
          Map.entry(
              "FilterGroup",
              Set.of("FilterGroupId", "Filters", "ScopeConfiguration", "CrossDataset")),
          Map.entry(
              "RelativeDatesFilter",
              Set.of(
                  "FilterId",
                  "Column",
                  "AnchorDateConfiguration",
                  "TimeGranularity",
                  "RelativeDateType",
                  "NullOption")),
          Map.entry("SheetVisualScopingConfiguration", Set.of("SheetId", "Scope")));

  private QuickSightModel() {}

  /** The request built from the JSON; problems (path: what) are added to {@code problems}. */
  static <T extends SdkPojo> T read(JsonNode json, Class<T> requestClass, List<String> problems)
      throws Exception {
    Class<?> builderClass =
        (Class<?>) requestClass.getMethod("serializableBuilderClass").invoke(null);
    Object builder = MAPPER.treeToValue(json, builderClass);
    @SuppressWarnings("unchecked")
    T request = (T) ((SdkBuilder<?, ?>) builder).build();
    walk(request, requestClass.getSimpleName(), problems);
    return request;
  }

  private static void walk(SdkPojo pojo, String path, List<String> problems) throws Exception {
    for (SdkField<?> f : pojo.sdkFields()) {
      Object value = f.getValueOrDefault(pojo);
      String at = path + "." + f.memberName();
      if (value == null) {
        if (f.containsTrait(RequiredTrait.class)
            || REQUIRED
                .getOrDefault(pojo.getClass().getSimpleName(), Set.of())
                .contains(f.memberName())) {
          problems.add(at + ": required, missing");
        }
        continue;
      }
      checkEnum(pojo, f, at, problems);
      visit(value, at, problems);
    }
  }

  private static void visit(Object value, String at, List<String> problems) throws Exception {
    if (value instanceof SdkPojo p) {
      walk(p, at, problems);
    } else if (value instanceof Collection<?> c) {
      int i = 0;
      for (Object o : c) {
        visit(o, at + "[" + i++ + "]", problems);
      }
    } else if (value instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        visit(e.getValue(), at + "[" + e.getKey() + "]", problems);
      }
    }
  }

  /**
   * A member whose getter returns an enum (or a list of one) must not map to
   * UNKNOWN_TO_SDK_VERSION.
   */
  private static void checkEnum(SdkPojo pojo, SdkField<?> f, String at, List<String> problems)
      throws Exception {
    String getter = Character.toLowerCase(f.memberName().charAt(0)) + f.memberName().substring(1);
    Method m;
    try {
      m = pojo.getClass().getMethod(getter);
    } catch (NoSuchMethodException e) {
      return;
    }
    Object v = m.invoke(pojo);
    List<Object> values = new ArrayList<>();
    if (m.getReturnType().isEnum()) {
      values.add(v);
    } else if (v instanceof List<?> list
        && m.getGenericReturnType() instanceof ParameterizedType pt
        && pt.getActualTypeArguments()[0] instanceof Class<?> c
        && c.isEnum()) {
      values.addAll(list);
    }
    for (Object e : values) {
      if (e != null && ((Enum<?>) e).name().equals("UNKNOWN_TO_SDK_VERSION")) {
        problems.add(at + ": not a value the API knows (" + f.getValueOrDefault(pojo) + ")");
      }
    }
  }
}
