package io.clickpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real {@code ./clickpulse deploy} against a moto server on 127.0.0.1 (a free port), then what
 * moto's CloudFormation created, read back with the AWS CLI; then {@code ./clickpulse undeploy}.
 * moto's CloudFormation (5.2) ignores some resource types and properties (see {@link
 * #TEMPLATE_ONLY}): those are checked in the template instead, and Glue jobs by {@link
 * GlueJobArgumentsIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployOnMotoIT {
  /** What moto's CloudFormation does not create or apply, checked in the template here. */
  static final List<String> TEMPLATE_ONLY =
      List.of(
          "AWS::CloudWatch::Alarm",
          "AWS::S3::BucketPolicy",
          "AWS::SNS::Subscription",
          "AWS::SNS::TopicPolicy",
          "AWS::ApiGateway::Stage",
          "AWS::Logs::MetricFilter",
          "AWS::Athena::WorkGroup",
          "AWS::Athena::NamedQuery",
          "AWS::Glue::*",
          "bucket PublicAccessBlockConfiguration and LifecycleConfiguration",
          "stream StreamEncryption and StreamModeDetails",
          "table TimeToLiveSpecification",
          "stack Outputs");

  private static final String STACK = "cpit";
  private static final String REGION = "us-east-1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Process moto;
  private static String endpoint;
  private static Map<String, String> env;
  private static String deployOutput;
  private static StackTemplate template;
  private static JsonNode state;

  @BeforeAll
  static void deploy() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path log = StackTemplate.PROJECT.resolve("target/moto-" + port + ".log");
    moto =
        new ProcessBuilder(
                "python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    endpoint = "http://127.0.0.1:" + port;
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
        break;
      } catch (IOException e) {
        assertThat(moto.isAlive()).as("moto server running (log %s)", log).isTrue();
        assertThat(System.nanoTime()).as("moto answering within 30 s").isLessThan(deadline);
        Thread.sleep(200);
      }
    }
    Path geoip =
        Files.createTempFile("geoip", ".mmdb"); // moto stores it; the jobs never read it here
    Files.writeString(geoip, "not a database: the upload is what is checked");
    env =
        new HashMap<>(
            Map.of(
                "AWS_ACCESS_KEY_ID",
                "testing",
                "AWS_SECRET_ACCESS_KEY",
                "testing",
                "AWS_SESSION_TOKEN",
                "testing",
                "AWS_CONFIG_FILE",
                "/dev/null",
                "AWS_SHARED_CREDENTIALS_FILE",
                "/dev/null",
                "CLICKPULSE_AWS_ENDPOINT",
                endpoint,
                "CLICKPULSE_GEOIP_DATABASE",
                geoip.toString(),
                "DEPLOY_OUT",
                StackTemplate.PROJECT.resolve("target/deploy-it").toString()));
    env.put("AWS_PROFILE", null);
    env.put("AWS_DEFAULT_PROFILE", null);
    StackTemplate.ProcessResult r =
        StackTemplate.run(
            List.of(
                "./clickpulse",
                "deploy",
                "--stack",
                STACK,
                "--region",
                REGION,
                "--param",
                "AlertEmail=ops@example.com",
                "--param",
                "StreamMode=PROVISIONED"),
            env,
            300);
    deployOutput = r.output();
    assertThat(r.exitCode()).as(deployOutput).isZero();
    template = StackTemplate.load();
    StackTemplate.ProcessResult read =
        StackTemplate.run(
            List.of(
                "python3",
                StackTemplate.PROJECT
                    .resolve("src/test/resources/io/clickpulse/deploy/stack_state.py")
                    .toString(),
                endpoint,
                REGION,
                STACK),
            env,
            120);
    assertThat(read.exitCode()).as(read.output()).isZero();
    state = JSON.readTree(read.stdout());
  }

  @AfterAll
  static void stop() {
    if (moto != null) {
      moto.destroy();
    }
  }

  static JsonNode aws(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of("aws", "--endpoint-url", endpoint, "--region", REGION, "--output", "json"));
    cmd.addAll(List.of(args));
    StackTemplate.ProcessResult r = StackTemplate.run(cmd, env, 60);
    assertThat(r.exitCode()).as("%s: %s", String.join(" ", args), r.output()).isZero();
    try {
      return r.stdout().isBlank() ? JSON.nullNode() : JSON.readTree(r.stdout());
    } catch (IOException e) {
      throw new IllegalStateException(r.stdout(), e);
    }
  }

  private static List<String> texts(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(x -> out.add(x.asText()));
    } else if (!n.isMissingNode()) {
      out.add(n.asText());
    }
    return out;
  }

  @Test
  void deployShowedTheChangeSetAndUploadedTheArtifacts() {
    assertThat(deployOutput)
        .contains("change set deploy-")
        .contains("ClickStream")
        .contains("AWS::Lambda::EventSourceMapping")
        .contains("stack " + STACK + ": CREATE done");
    assertThat(state.path("stack").path("StackStatus").asText()).isEqualTo("CREATE_COMPLETE");
    assertThat(texts(state.path("artifacts_keys")))
        .anyMatch(k -> k.endsWith("/clickpulse-job.jar"))
        .anyMatch(k -> k.endsWith("/clickpulse-pricing-lambda.zip"))
        .anyMatch(k -> k.endsWith("/glue/ClickpulseGlueEntry.scala"))
        .anyMatch(k -> k.endsWith("/athena-ddl/tables/events.sql"))
        .anyMatch(k -> k.contains("/geoip/"))
        .anyMatch(k -> k.endsWith("/clickpulse.yaml"));
    // the artifacts bucket deploy creates is private (plain S3 calls, which moto applies)
    assertThat(state.path("artifacts_public_access_block").toString())
        .doesNotContain("false")
        .contains("RestrictPublicBuckets");
  }

  @Test
  void streamAndTablesAsTheCodeExpects() {
    JsonNode s = state.path("stream");
    assertThat(s.path("StreamStatus").asText()).isEqualTo("ACTIVE");
    assertThat(s.path("RetentionPeriodHours").asInt()).isEqualTo(168);
    Map<String, String> keys =
        Map.of(
            "products",
            "product_id:N HASH",
            "orders",
            "order_id:S HASH",
            "users",
            "user_id:S HASH",
            "product_demand",
            "product_id:N HASH,window_start:S RANGE",
            "sessions",
            "user_id:S HASH,session_start:S RANGE",
            "price_history",
            "product_id:N HASH,change_id:S RANGE");
    for (var e : keys.entrySet()) {
      JsonNode t = state.path("tables").path(e.getKey());
      Map<String, String> types = new HashMap<>();
      t.path("AttributeDefinitions")
          .forEach(
              a -> types.put(a.path("AttributeName").asText(), a.path("AttributeType").asText()));
      List<String> schema = new ArrayList<>();
      t.path("KeySchema")
          .forEach(
              k ->
                  schema.add(
                      k.path("AttributeName").asText()
                          + ":"
                          + types.get(k.path("AttributeName").asText())
                          + " "
                          + k.path("KeyType").asText()));
      assertThat(String.join(",", schema)).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(t.path("TableName").asText()).isEqualTo(STACK + "-" + e.getKey());
      boolean streamed = e.getKey().equals("product_demand");
      assertThat(t.path("StreamSpecification").path("StreamEnabled").asBoolean(false))
          .as(e.getKey() + " stream")
          .isEqualTo(streamed);
      if (streamed) {
        assertThat(t.path("StreamSpecification").path("StreamViewType").asText())
            .isEqualTo("NEW_AND_OLD_IMAGES");
      }
    }
    // moto's CloudFormation applies neither TimeToLiveSpecification nor the stream's encryption:
    // the template says them
    var r = template.root.path("Resources");
    for (String table : List.of("ProductDemandTable", "SessionsTable")) {
      assertThat(
              r.path(table)
                  .path("Properties")
                  .path("TimeToLiveSpecification")
                  .path("AttributeName")
                  .asText())
          .isEqualTo("expires_at");
      assertThat(
              r.path(table)
                  .path("Properties")
                  .path("TimeToLiveSpecification")
                  .path("Enabled")
                  .asBoolean())
          .isTrue();
      String ttl =
          state
              .path("tables")
              .path(table.equals("SessionsTable") ? "sessions" : "product_demand")
              .path("ttl")
              .path("TimeToLiveStatus")
              .asText();
      if (ttl.equals("ENABLED")) { // should a later moto apply it
        assertThat(state.path("tables").path("sessions").path("ttl").path("AttributeName").asText())
            .isEqualTo("expires_at");
      }
    }
    assertThat(
            r.path("ClickStream")
                .path("Properties")
                .path("StreamEncryption")
                .path("EncryptionType")
                .asText())
        .isEqualTo("KMS");
  }

  @Test
  void lakeBucketEncryptedPrivateTlsOnlyWithLifecycle() {
    assertThat(
            state
                .path("lake_encryption")
                .path("Rules")
                .get(0)
                .path("ApplyServerSideEncryptionByDefault")
                .path("SSEAlgorithm")
                .asText())
        .isEqualTo("AES256");
    // moto's CloudFormation applies neither the public access block, the lifecycle rules nor the
    // bucket policy
    JsonNode p = template.root.path("Resources").path("LakeBucket").path("Properties");
    assertThat(p.path("PublicAccessBlockConfiguration").toString()).doesNotContain("false");
    assertThat(p.path("PublicAccessBlockConfiguration").size()).isEqualTo(4);
    Set<String> prefixes = new LinkedHashSet<>();
    p.path("LifecycleConfiguration")
        .path("Rules")
        .forEach(rule -> prefixes.add(rule.path("Prefix").asText()));
    assertThat(prefixes)
        .contains("raw/", "bad_records/", "checkpoints-retired/")
        .doesNotContain("");
    p.path("LifecycleConfiguration")
        .path("Rules")
        .forEach(
            rule -> {
              if (rule.path("Prefix").asText().equals("checkpoints/")) {
                assertThat(rule.has("ExpirationInDays"))
                    .as("no age rule on live checkpoints")
                    .isFalse();
              }
            });
    JsonNode deny =
        template
            .root
            .path("Resources")
            .path("LakeBucketPolicy")
            .path("Properties")
            .path("PolicyDocument")
            .path("Statement")
            .get(0);
    assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
    assertThat(deny.path("Condition").path("Bool").path("aws:SecureTransport").asText())
        .isEqualTo("false");
  }

  @Test
  void eachRoleHasTheTemplatesPolicyOnTheCreatedResources() {
    String streamArn = state.path("stream").path("StreamARN").asText();
    String demandArn = state.path("tables").path("product_demand").path("TableArn").asText();
    Map<String, String> roles =
        Map.of(
            "StreamingJobRole",
            "streaming",
            "BatchJobRole",
            "batch",
            "PricingFunctionRole",
            "pricing",
            "IngestApiRole",
            "put-records");
    assertThat(state.path("roles").size()).as("one role per component").isEqualTo(roles.size());
    for (var e : roles.entrySet()) {
      String roleName =
          STACK
              + template
                  .text(
                      template
                          .root
                          .path("Resources")
                          .path(e.getKey())
                          .path("Properties")
                          .path("RoleName"))
                  .substring("clickpulse".length());
      JsonNode role = state.path("roles").path(roleName);
      assertThat(role.isMissingNode()).as(roleName).isFalse();
      JsonNode doc = role.path("policies").path(e.getValue());
      JsonNode expected =
          template
              .root
              .path("Resources")
              .path(e.getKey())
              .path("Properties")
              .path("Policies")
              .get(0)
              .path("PolicyDocument")
              .path("Statement");
      assertThat(doc.path("Statement").size()).as(roleName).isEqualTo(expected.size());
      for (JsonNode st : doc.path("Statement")) {
        List<String> actions = texts(st.path("Action"));
        assertThat(actions).as(roleName).noneMatch(a -> a.contains("*"));
        List<String> resources = texts(st.path("Resource"));
        if (resources.contains("*")) {
          assertThat(actions)
              .as(roleName + ": a resource wildcard only where the API has no resource")
              .containsExactly("cloudwatch:PutMetricData");
          assertThat(st.path("Condition").toString()).contains("cloudwatch:namespace");
        }
        assertThat(resources).as(roleName).allMatch(x -> x.equals("*") || x.startsWith("arn:aws:"));
      }
      if (e.getKey().equals("StreamingJobRole") || e.getKey().equals("IngestApiRole")) {
        assertThat(doc.toString()).as(roleName + " names the stream").contains(streamArn);
      }
      if (e.getKey().equals("StreamingJobRole") || e.getKey().equals("PricingFunctionRole")) {
        assertThat(doc.toString()).as(roleName + " names product_demand").contains(demandArn);
      }
      assertThat(role.path("assume").toString())
          .as(roleName)
          .contains(
              e.getKey().equals("PricingFunctionRole")
                  ? "lambda.amazonaws.com"
                  : e.getKey().equals("IngestApiRole")
                      ? "apigateway.amazonaws.com"
                      : "glue.amazonaws.com");
    }
  }

  @Test
  void pricingFunctionOnTheDemandStream() {
    JsonNode f = state.path("function");
    assertThat(f.path("Handler").asText())
        .isEqualTo("io.clickpulse.pricing.PricingHandler::handleRequest");
    assertThat(f.path("Runtime").asText()).startsWith("java");
    assertThat(f.path("Role").asText()).endsWith("role/" + STACK + "-pricing-function");
    assertThat(f.path("Environment").path("Variables").path("CLICKPULSE_ARGS").asText())
        .contains("--dynamodb.table.products " + STACK + "-products")
        .contains("--dynamodb.table.price-history " + STACK + "-price_history");
    assertThat(state.path("mappings")).hasSize(1);
    JsonNode m = state.path("mappings").get(0);
    assertThat(m.path("EventSourceArn").asText())
        .isEqualTo(state.path("tables").path("product_demand").path("LatestStreamArn").asText());
    assertThat(texts(m.path("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
    assertThat(m.path("BisectBatchOnFunctionError").asBoolean()).isTrue();
    assertThat(m.path("MaximumRetryAttempts").asInt()).isBetween(0, 10);
    assertThat(m.path("DestinationConfig").path("OnFailure").path("Destination").asText())
        .endsWith(":" + STACK + "-pricing-failures");
    assertThat(state.path("queue_url").asText()).endsWith("/" + STACK + "-pricing-failures");
    assertThat(texts(state.path("log_groups")))
        .contains("/aws/lambda/" + STACK + "-pricing", "/aws-glue/clickpulse/" + STACK);
  }

  @Test
  void ingestApiPutsToTheStreamWithItsOwnRole() {
    assertThat(state.path("api_resources").toString()).contains("\"/events\"");
    JsonNode integration = state.path("api_integration");
    assertThat(integration.path("type").asText()).as(integration.toString()).isEqualTo("AWS");
    assertThat(integration.path("httpMethod").asText()).isEqualTo("POST");
    assertThat(integration.path("uri").asText())
        .isEqualTo("arn:aws:apigateway:" + REGION + ":kinesis:action/PutRecords");
    assertThat(state.path("api_method").path("authorizationType").asText()).isEqualTo("AWS_IAM");
    JsonNode post = apiProperties("PostEventsMethod");
    // moto keeps no integration credentials: the template's are the ingest role
    if (integration.path("credentials").asText().isEmpty()) {
      assertThat(post.path("Integration").path("Credentials").toString()).contains("IngestApiRole");
    } else {
      assertThat(integration.path("credentials").asText())
          .endsWith("role/" + STACK + "-ingest-api");
    }
    // moto's CloudFormation keeps no request templates: should a later one, they are the
    // template's
    JsonNode templates = post.path("Integration").path("RequestTemplates");
    assertThat(texts(fieldNames(templates))).containsExactly("application/json", "text/plain");
    String request = template.text(templates.path("application/json"));
    assertThat(template.text(templates.path("text/plain"))).isEqualTo(request);
    assertThat(request)
        .contains("\"StreamName\": \"clickpulse-clickstream\", \"Records\": [")
        .contains("#foreach($event in $events)")
        .contains("$util.base64Encode($input.json($path))")
        .contains("$!event.user_id", "$!event.device_id", "$context.requestId:$foreach.index");
    if (integration.has("requestTemplates")) {
      assertThat(integration.path("requestTemplates").path("text/plain").asText())
          .contains("\"StreamName\": \"" + STACK + "-clickstream\"");
    }
    assertThat(post.path("Integration").path("PassthroughBehavior").asText()).isEqualTo("NEVER");
    // failed records and refused calls: 503 with Retry-After, through the templates' overrides
    String answers = post.path("Integration").path("IntegrationResponses").toString();
    assertThat(answers)
        .contains("$context.responseOverride.status = 503")
        .contains("$context.responseOverride.header.Retry-After")
        .contains("FailedRecordCount")
        .contains("method.response.header.Access-Control-Allow-Origin");

    // the body's validator and model: moto's CloudFormation creates neither (nor the gateway
    // responses); what the template says, and what moto holds should it create them
    assertThat(post.path("RequestValidatorId").toString()).contains("EventsBodyValidator");
    assertThat(post.path("RequestModels").toString())
        .contains("application/json")
        .contains("text/plain")
        .contains("EventsModel");
    JsonNode validator = apiProperties("EventsBodyValidator");
    assertThat(validator.path("ValidateRequestBody").asBoolean()).isTrue();
    JsonNode schema = apiProperties("EventsModel").path("Schema");
    assertThat(texts(schema.path("type"))).containsExactly("object", "array");
    assertThat(schema.path("maxItems").asInt()).isEqualTo(500);
    assertThat(schema.path("items").path("type").asText()).isEqualTo("object");
    for (JsonNode v : state.path("api_validators")) {
      assertThat(v.path("validateRequestBody").asBoolean()).isTrue();
    }
    Set<String> responses = new LinkedHashSet<>();
    template
        .resources("AWS::ApiGateway::GatewayResponse")
        .forEach(
            (k, r) -> {
              JsonNode p = r.path("Properties");
              responses.add(p.path("ResponseType").asText());
              assertThat(p.path("ResponseParameters").toString())
                  .as(k)
                  .contains("gatewayresponse.header.Access-Control-Allow-Origin");
            });
    assertThat(responses)
        .contains(
            "DEFAULT_4XX", "DEFAULT_5XX", "BAD_REQUEST_BODY", "THROTTLED", "REQUEST_TOO_LARGE");

    // the CORS preflight: answered by API Gateway (MOCK), without authorization
    JsonNode preflight = state.path("api_preflight_integration");
    assertThat(preflight.path("type").asText()).as(preflight.toString()).isEqualTo("MOCK");
    assertThat(state.path("api_preflight_method").path("authorizationType").asText())
        .isEqualTo("NONE");
    String preflightAnswer =
        apiProperties("EventsPreflightMethod")
            .path("Integration")
            .path("IntegrationResponses")
            .toString();
    assertThat(preflightAnswer)
        .contains("\"204\"")
        .contains("'POST, OPTIONS'")
        .contains("'600'")
        .contains("Access-Control-Allow-Headers");
    // the Uri moto needs on a MOCK integration is there only with Emulator=true (deploy.sh sets it
    // with CLICKPULSE_AWS_ENDPOINT)
    Map<String, String> parameters = new HashMap<>();
    state
        .path("stack")
        .path("Parameters")
        .forEach(
            p ->
                parameters.put(p.path("ParameterKey").asText(), p.path("ParameterValue").asText()));
    assertThat(parameters).containsEntry("Emulator", "true");
  }

  private static JsonNode apiProperties(String logicalId) {
    return template.root.path("Resources").path(logicalId).path("Properties");
  }

  private static JsonNode fieldNames(JsonNode n) {
    var out = JSON.createArrayNode();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void dashboardTopicRuleAndAlarms() {
    JsonNode body = state.path("dashboard");
    String text = body.toString();
    assertThat(body.path("widgets").size()).isGreaterThanOrEqualTo(8);
    assertThat(text)
        .contains(
            "SessionsClosed",
            "MeanSessionDurationSeconds",
            "ShortSessionAlerts",
            "BadRecords",
            "glue.driver.streaming.batchProcessingTimeInMs",
            "GetRecords.IteratorAgeMilliseconds",
            "IteratorAge",
            "Errors",
            STACK + "-clickstream",
            STACK + "-pricing",
            STACK + "-streaming",
            "Clickpulse/" + STACK)
        .doesNotContain("${");
    assertThat(texts(state.path("topics"))).anyMatch(t -> t.endsWith(":" + STACK + "-alerts"));
    assertThat(texts(state.path("topics")))
        .as("the session alerts' own topic")
        .anyMatch(t -> t.endsWith(":" + STACK + "-session-alerts"));
    assertThat(state.path("rule").path("EventPattern").asText())
        .contains("Glue Job State Change")
        .contains("FAILED");
    // moto's CloudFormation creates no AWS::CloudWatch::Alarm: every alarm of the template notifies
    // the topic
    var alarms = template.resources("AWS::CloudWatch::Alarm");
    assertThat(alarms).hasSizeGreaterThanOrEqualTo(6);
    alarms.forEach(
        (k, a) ->
            assertThat(a.path("Properties").path("AlarmActions").toString())
                .as(k)
                .contains("AlertsTopic"));
    if (state.path("alarms").size() > 0) { // should a later moto create them
      assertThat(texts(state.path("alarms")))
          .contains(STACK + "-bad-record-rate", STACK + "-stream-iterator-age");
    }
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void undeployDeletesTheStackAndKeepsTheLake() {
    String lake = state.path("resources").path("LakeBucket").asText();
    StackTemplate.ProcessResult r =
        StackTemplate.run(
            List.of("./clickpulse", "undeploy", "--stack", STACK, "--region", REGION), env, 180);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).contains("left in place: the lake bucket " + lake);
    JsonNode stacks = aws("cloudformation", "list-stacks").path("StackSummaries");
    for (JsonNode s : stacks) {
      if (s.path("StackName").asText().equals(STACK)) {
        assertThat(s.path("StackStatus").asText()).isEqualTo("DELETE_COMPLETE");
      }
    }
    aws("s3api", "head-bucket", "--bucket", lake);
  }
}
