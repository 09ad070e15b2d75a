package io.clickpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps each role of jobs/clickpulse.yaml in step with the AWS calls its component makes: the AWS
 * SDK v2 client calls found in the main code (outside the dev harness), by the package that makes
 * them, plus the calls made for it by the libraries and the platform (listed here, each with its
 * reason), equal the role's actions: no call without its permission, no permission without a call.
 */
class IamActionsTest {
  private static final Path MAIN = StackTemplate.PROJECT.resolve("src/main/java/io/clickpulse");
  private static final Map<String, String> CLIENT_TYPES =
      Map.of(
          "DynamoDbClient",
          "dynamodb",
          "KinesisClient",
          "kinesis",
          "S3Client",
          "s3",
          "CloudWatchClient",
          "cloudwatch",
          "AthenaClient",
          "athena",
          "SnsClient",
          "sns");

  /** SDK methods whose IAM action has another name. */
  private static final Map<String, String> ACTION_OF = Map.of("s3:HeadBucket", "s3:ListBucket");

  private static final Set<String> NOT_CALLS =
      Set.of("close", "serviceName", "serviceClientConfiguration");

  private static final Set<String> S3A =
      Set.of(
          "s3:ListBucket",
          "s3:GetBucketLocation",
          "s3:GetObject",
          "s3:PutObject",
          "s3:DeleteObject",
          "s3:AbortMultipartUpload"); // Hadoop's s3a on the lake (and Glue reading the artifacts)
  private static final Set<String> SPARK_DYNAMODB =
      Set.of("dynamodb:DescribeTable", "dynamodb:Scan"); // spark-dynamodb reads
  private static final Set<String> GLUE_LOGS =
      Set.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents");
  private static final Set<String> GLUE_METRICS =
      Set.of("cloudwatch:PutMetricData"); // --enable-metrics

  /** Calls the libraries and the platform make for each component, by role. */
  private static final Map<String, Set<String>> NOT_IN_CODE =
      Map.of(
          "StreamingJobRole",
              union(
                  S3A,
                  SPARK_DYNAMODB,
                  GLUE_LOGS,
                  GLUE_METRICS,
                  // the qubole Kinesis source (its own shaded SDK v1 client)
                  Set.of(
                      "kinesis:DescribeStream",
                      "kinesis:ListShards",
                      "kinesis:GetShardIterator",
                      "kinesis:GetRecords"),
                  // Spark's catalog on the Glue Data Catalog (--enable-glue-datacatalog):
                  // streaming/CatalogPartitions' ADD IF NOT EXISTS PARTITION (GetTable,
                  // BatchCreatePartition; GetPartition after a failed batch call) and the client's
                  // start-up (databases, functions, "default" created when absent)
                  Set.of(
                      "glue:GetDatabase",
                      "glue:GetDatabases",
                      "glue:CreateDatabase",
                      "glue:GetTable",
                      "glue:GetPartition",
                      "glue:BatchCreatePartition",
                      "glue:GetUserDefinedFunctions")),
          "BatchJobRole",
              union(
                  S3A,
                  SPARK_DYNAMODB,
                  GLUE_LOGS,
                  GLUE_METRICS,
                  // SessionsJob's stagger re-run puts the windows' items through
                  // session/SessionStore (whose file counts for the streaming job)
                  Set.of("dynamodb:BatchWriteItem"),
                  // Spark's catalog on the Glue Data Catalog (--enable-glue-datacatalog): CREATE
                  // DATABASE/TABLE, ADD PARTITION, SET LOCATION
                  Set.of(
                      "glue:GetDatabase",
                      "glue:GetDatabases",
                      "glue:CreateDatabase",
                      "glue:GetTable",
                      "glue:GetTables",
                      "glue:CreateTable",
                      "glue:UpdateTable",
                      "glue:GetPartition",
                      "glue:GetPartitions",
                      "glue:BatchGetPartition",
                      "glue:CreatePartition",
                      "glue:BatchCreatePartition",
                      "glue:UpdatePartition",
                      "glue:GetUserDefinedFunctions")),
          // Lambda's event source mapping reads the stream and sends failed batches on; Lambda
          // writes the function's logs
          "PricingFunctionRole",
              Set.of(
                  "dynamodb:DescribeStream",
                  "dynamodb:GetShardIterator",
                  "dynamodb:GetRecords",
                  "dynamodb:ListStreams",
                  "sqs:SendMessage",
                  "logs:CreateLogStream",
                  "logs:PutLogEvents"));

  private static StackTemplate template;

  @BeforeAll
  static void load() {
    template = StackTemplate.load();
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> out = new TreeSet<>();
    for (Set<String> s : sets) {
      out.addAll(s);
    }
    return out;
  }

  /** The role whose component runs the code of this source file. */
  static String roleOf(Path file) {
    String rel = MAIN.relativize(file).toString().replace('\\', '/');
    if (rel.startsWith("dev/")) {
      return null;
    }
    if (rel.startsWith("pricing/")) {
      return "PricingFunctionRole";
    }
    if (rel.startsWith("batch/") || rel.startsWith("athena/")) {
      return "BatchJobRole";
    }
    return "StreamingJobRole";
  }

  /** IAM actions of the SDK client calls in one source file. */
  static Set<String> callsIn(String text) {
    String source = code(text);
    Map<String, String> clients = new TreeMap<>();
    Matcher decl =
        Pattern.compile("\\b(" + String.join("|", CLIENT_TYPES.keySet()) + ")\\s+(\\w+)\\s*[,;=)]")
            .matcher(source);
    while (decl.find()) {
      clients.put(decl.group(2), CLIENT_TYPES.get(decl.group(1)));
    }
    Set<String> actions = new TreeSet<>();
    for (var c : clients.entrySet()) {
      Matcher call =
          Pattern.compile("\\b" + Pattern.quote(c.getKey()) + "\\s*\\.\\s*(\\w+)\\s*\\(")
              .matcher(source);
      while (call.find()) {
        String method = call.group(1);
        if (NOT_CALLS.contains(method)) {
          continue;
        }
        if (method.equals(
            "transactWriteItems")) { // IAM authorizes each item of a transaction by its own action
          if (Pattern.compile("\\.update\\(\\s*Update").matcher(source).find()) {
            actions.add("dynamodb:UpdateItem");
          }
          if (Pattern.compile("\\.put\\(\\s*Put").matcher(source).find()) {
            actions.add("dynamodb:PutItem");
          }
          if (Pattern.compile("\\.delete\\(\\s*Delete").matcher(source).find()) {
            actions.add("dynamodb:DeleteItem");
          }
          if (source.contains(".conditionCheck(")) {
            actions.add("dynamodb:ConditionCheckItem");
          }
          continue;
        }
        String name = method.replaceAll("Paginator$", "");
        String action =
            c.getValue() + ":" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        actions.add(ACTION_OF.getOrDefault(action, action));
      }
    }
    return actions;
  }

  /**
   * The source without comments, and with every string and char literal emptied (a message may say
   * "athena.timeout (5min)").
   */
  static String code(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (text.startsWith("//", i)) {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? text.length() : end + 2;
        out.append(' ');
      } else if (text.startsWith("\"\"\"", i)) {
        int end = text.indexOf("\"\"\"", i + 3);
        i = end < 0 ? text.length() : end + 3;
        out.append("\"\"");
      } else if (c == '"' || c == '\'') {
        i++;
        while (i < text.length() && text.charAt(i) != c) {
          i += text.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
        out.append(c).append(c);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  static Map<String, Set<String>> codeActionsByRole() throws IOException {
    Map<String, Set<String>> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String role = roleOf(f);
        if (role != null) {
          out.computeIfAbsent(role, r -> new TreeSet<>()).addAll(callsIn(Files.readString(f)));
        }
      }
    }
    return out;
  }

  static Set<String> roleActions(String role) {
    Set<String> out = new TreeSet<>();
    for (JsonNode policy :
        template.root.path("Resources").path(role).path("Properties").path("Policies")) {
      for (JsonNode st : policy.path("PolicyDocument").path("Statement")) {
        assertThat(st.path("Effect").asText()).as(role).isEqualTo("Allow");
        JsonNode a = st.path("Action");
        if (a.isArray()) {
          a.forEach(x -> out.add(x.asText()));
        } else {
          out.add(a.asText());
        }
      }
    }
    return out;
  }

  @Test
  void theScanSkipsCommentsAndLiterals() {
    assertThat(
            callsIn(
                "AthenaClient athena; // athena.getWorkGroup(x)\n String m = \"athena.timeout (\" + t; /* athena.deleteWorkGroup( */"))
        .isEmpty();
  }

  @Test
  void theScanFindsTheCallsItIsMeantTo() {
    assertThat(
            callsIn(
                """
        DynamoDbClient dynamo = x; dynamo.getItem(b -> b); dynamo.scanPaginator(b -> b); dynamo.close();
        dynamo.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().update(Update.builder().build()).build()));
        S3Client s3; s3.headBucket(b -> b);"""))
        .containsExactly(
            "dynamodb:GetItem", "dynamodb:Scan", "dynamodb:UpdateItem", "s3:ListBucket");
  }

  @Test
  void eachRoleAllowsExactlyWhatItsComponentCalls() throws IOException {
    Map<String, Set<String>> code = codeActionsByRole();
    assertThat(code.get("StreamingJobRole"))
        .contains(
            "dynamodb:DescribeTable",
            "dynamodb:PutItem",
            "dynamodb:BatchWriteItem",
            "kinesis:DescribeStreamSummary",
            "kinesis:ListShards",
            "cloudwatch:PutMetricData");
    assertThat(code.get("PricingFunctionRole"))
        .contains("dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:PutItem");
    assertThat(code.get("BatchJobRole"))
        .contains("athena:StartQueryExecution", "athena:GetQueryResults");
    for (String role : List.of("StreamingJobRole", "BatchJobRole", "PricingFunctionRole")) {
      Set<String> needed = union(code.getOrDefault(role, Set.of()), NOT_IN_CODE.get(role));
      Set<String> granted = roleActions(role);
      Set<String> missing = new TreeSet<>(needed);
      missing.removeAll(granted);
      Set<String> unused = new TreeSet<>(granted);
      unused.removeAll(needed);
      assertThat(missing).as(role + ": called but not allowed").isEmpty();
      assertThat(unused)
          .as(role + ": allowed but called by nothing (code, library or platform)")
          .isEmpty();
    }
  }

  @Test
  void theStreamingJobPublishesOnlyToTheSessionAlertsTopicItIsGiven() {
    JsonNode role = template.root.path("Resources").path("StreamingJobRole").path("Properties");
    List<JsonNode> publish = new ArrayList<>();
    for (JsonNode policy : role.path("Policies")) {
      for (JsonNode st : policy.path("PolicyDocument").path("Statement")) {
        if (st.path("Action").toString().contains("sns:")) {
          publish.add(st);
        }
      }
    }
    assertThat(publish).hasSize(1);
    assertThat(publish.get(0).path("Action").asText()).isEqualTo("sns:Publish");
    assertThat(publish.get(0).path("Resource").path("Ref").asText())
        .isEqualTo("SessionAlertsTopic");
    JsonNode args =
        template
            .root
            .path("Resources")
            .path("StreamingJob")
            .path("Properties")
            .path("DefaultArguments");
    assertThat(args.path("--alerts.sink").asText()).isEqualTo("sns");
    assertThat(args.path("--alerts.sns-topic-arn").path("Ref").asText())
        .as("the job publishes to the topic its role may publish to")
        .isEqualTo("SessionAlertsTopic");
    assertThat(template.resources("AWS::SNS::Topic")).containsKey("SessionAlertsTopic");
  }

  @Test
  void theIngestRoleMayOnlyDoWhatTheApiIntegrationCalls() {
    String uri =
        template.text(
            template
                .root
                .path("Resources")
                .path("PostEventsMethod")
                .path("Properties")
                .path("Integration")
                .path("Uri"));
    String action = "kinesis:" + uri.substring(uri.lastIndexOf('/') + 1);
    // one PutRecords call per request (an object or an array of up to 500 events)
    assertThat(action).isEqualTo("kinesis:PutRecords");
    assertThat(roleActions("IngestApiRole")).containsExactly(action);
    // the only other method of the API is the CORS preflight, answered by API Gateway (MOCK)
    template
        .resources("AWS::ApiGateway::Method")
        .forEach(
            (name, m) -> {
              String type = m.path("Properties").path("Integration").path("Type").asText();
              assertThat(type).as(name).isIn("AWS", "MOCK");
              if (type.equals("AWS")) {
                assertThat(name).isEqualTo("PostEventsMethod");
              }
            });
  }
}
