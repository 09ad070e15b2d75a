package io.clickpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stack template jobs/clickpulse.yaml as JSON (read with cfn-lint's decoder, jobs/cfn-json.py),
 * and a small evaluator of the intrinsic functions it uses, with the parameters' defaults: enough
 * to see the values a Glue job would be given, not a CloudFormation engine.
 */
final class StackTemplate {
  static final Path PROJECT = Path.of(System.getProperty("clickpulse.projectDir", "."));
  static final Path FILE = PROJECT.resolve("jobs/clickpulse.yaml");

  final JsonNode root;
  private final Map<String, String> parameters = new LinkedHashMap<>();

  private StackTemplate(JsonNode root, Map<String, String> overrides) {
    this.root = root;
    root.path("Parameters")
        .fields()
        .forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().path("Default").asText("")));
    parameters.putAll(overrides);
    parameters.putIfAbsent("ArtifactsBucket", "clickpulse-artifacts-test");
    if (parameters.get("ArtifactsBucket").isEmpty()) {
      parameters.put("ArtifactsBucket", "clickpulse-artifacts-test");
    }
  }

  static StackTemplate load() {
    return load(Map.of());
  }

  static StackTemplate load(Map<String, String> parameterOverrides) {
    return new StackTemplate(readJson(FILE), parameterOverrides);
  }

  static JsonNode readJson(Path yaml) {
    ProcessResult r =
        run(
            List.of("python3", PROJECT.resolve("jobs/cfn-json.py").toString(), yaml.toString()),
            60);
    if (r.exitCode() != 0) {
      throw new IllegalStateException("jobs/cfn-json.py " + yaml + " failed: " + r.output());
    }
    try {
      return new ObjectMapper().readTree(r.stdout());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Map<String, JsonNode> resources(String type) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    root.path("Resources")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().path("Type").asText().equals(type)) {
                out.put(e.getKey(), e.getValue());
              }
            });
    return out;
  }

  /**
   * A value with Ref, Fn::Sub, Fn::If (conditions evaluated), Fn::Join and Fn::GetAtt resolved to
   * text.
   */
  String text(JsonNode node) {
    if (node.isTextual() || node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    if (node.has("Ref")) {
      return ref(node.get("Ref").asText());
    }
    if (node.has("Fn::Sub")) {
      JsonNode sub = node.get("Fn::Sub");
      String template = sub.isArray() ? sub.get(0).asText() : sub.asText();
      Map<String, String> vars = new LinkedHashMap<>();
      if (sub.isArray()) {
        sub.get(1).fields().forEachRemaining(e -> vars.put(e.getKey(), text(e.getValue())));
      }
      Matcher m = Pattern.compile("\\$\\{([^}!]+)}").matcher(template);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String name = m.group(1);
        String value =
            vars.containsKey(name)
                ? vars.get(name)
                : name.contains(".")
                    ? getAtt(
                        name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1))
                    : ref(name);
        m.appendReplacement(sb, Matcher.quoteReplacement(value));
      }
      m.appendTail(sb);
      return sb.toString();
    }
    if (node.has("Fn::If")) {
      JsonNode f = node.get("Fn::If");
      return text(condition(f.get(0).asText()) ? f.get(1) : f.get(2));
    }
    if (node.has("Fn::Join")) {
      JsonNode f = node.get("Fn::Join");
      List<String> parts = new ArrayList<>();
      f.get(1).forEach(p -> parts.add(text(p)));
      return String.join(f.get(0).asText(), parts);
    }
    if (node.has("Fn::GetAtt")) {
      JsonNode f = node.get("Fn::GetAtt");
      return getAtt(f.get(0).asText(), f.get(1).asText());
    }
    throw new IllegalArgumentException("cannot evaluate " + node);
  }

  String parameter(String name) {
    return parameters.get(name);
  }

  private String ref(String name) {
    switch (name) {
      case "AWS::Region":
        return "us-east-1";
      case "AWS::AccountId":
        return "123456789012";
      case "AWS::Partition":
        return "aws";
      case "AWS::URLSuffix":
        return "amazonaws.com";
      case "AWS::StackName":
        return "clickpulse-test";
      case "AWS::NoValue":
        return "";
      default:
    }
    if (parameters.containsKey(name)) {
      return parameters.get(name);
    }
    JsonNode resource = root.path("Resources").path(name);
    if (resource.isMissingNode()) {
      throw new IllegalArgumentException("Ref to unknown " + name);
    }
    JsonNode props = resource.path("Properties");
    if (resource.path("Type").asText().equals("AWS::SNS::Topic")) { // Ref is the topic's ARN
      return "arn:aws:sns:us-east-1:123456789012:" + text(props.path("TopicName"));
    }
    for (String nameProperty :
        List.of(
            "Name",
            "TableName",
            "BucketName",
            "FunctionName",
            "QueueName",
            "TopicName",
            "RoleName")) {
      JsonNode n = props.path(nameProperty);
      if (!n.isMissingNode()) {
        String v = text(n);
        if (!v.isEmpty()) {
          return v;
        }
      }
    }
    if (!props.path("DatabaseInput").isMissingNode()) {
      return text(props.path("DatabaseInput").path("Name"));
    }
    if (!props.path("LogGroupName").isMissingNode()) {
      return text(props.path("LogGroupName"));
    }
    return name.toLowerCase() + "-generated";
  }

  private String getAtt(String resource, String attribute) {
    return "arn:aws:test:us-east-1:123456789012:" + resource + "/" + attribute;
  }

  boolean condition(String name) {
    return evaluate(root.path("Conditions").path(name));
  }

  private boolean evaluate(JsonNode c) {
    if (c.has("Fn::Equals")) {
      return text(c.get("Fn::Equals").get(0)).equals(text(c.get("Fn::Equals").get(1)));
    }
    if (c.has("Fn::Not")) {
      return !evaluate(c.get("Fn::Not").get(0));
    }
    if (c.has("Condition")) {
      return condition(c.get("Condition").asText());
    }
    if (c.has("Fn::And")) {
      boolean all = true;
      for (JsonNode x : c.get("Fn::And")) {
        all &= evaluate(x);
      }
      return all;
    }
    if (c.has("Fn::Or")) {
      boolean any = false;
      for (JsonNode x : c.get("Fn::Or")) {
        any |= evaluate(x);
      }
      return any;
    }
    throw new IllegalArgumentException("cannot evaluate condition " + c);
  }

  record ProcessResult(int exitCode, String stdout, String stderr) {
    String output() {
      return stdout + stderr;
    }
  }

  static ProcessResult run(List<String> command, long timeoutSeconds) {
    return run(command, Map.of(), timeoutSeconds);
  }

  static ProcessResult run(List<String> command, Map<String, String> env, long timeoutSeconds) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(PROJECT.toFile());
      env.forEach(
          (k, v) -> {
            if (v == null) {
              pb.environment().remove(k);
            } else {
              pb.environment().put(k, v);
            }
          });
      Path out = Files.createTempFile("cmd", ".out");
      Path err = Files.createTempFile("cmd", ".err");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command + " did not end within " + timeoutSeconds + " s");
      }
      ProcessResult r =
          new ProcessResult(
              p.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return r;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
