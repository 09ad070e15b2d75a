package io.clickpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./clickpulse deploy|undeploy --dry-run without credentials: every call printed, template and
 * parameters written.
 */
class DeployDryRunTest {
  private static Map<String, String> noCredentials(Path out) {
    Map<String, String> env = new HashMap<>();
    for (String k :
        List.of(
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "AWS_PROFILE",
            "AWS_DEFAULT_PROFILE",
            "CLICKPULSE_AWS_ENDPOINT",
            "QUICKSIGHT_PRINCIPAL_ARN",
            "AWS_REGION",
            "AWS_DEFAULT_REGION")) {
      env.put(k, null);
    }
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("DEPLOY_OUT", out.toString());
    return env;
  }

  @Test
  void dryRunPrintsEveryCallAndWritesTemplateAndParameters(@TempDir Path out) throws Exception {
    StackTemplate.ProcessResult r =
        StackTemplate.run(
            List.of(
                "./clickpulse",
                "deploy",
                "--stack",
                "shop",
                "--region",
                "eu-west-1",
                "--param",
                "AlertEmail=ops@example.com",
                "--dry-run"),
            noCredentials(out),
            120);
    assertThat(r.exitCode()).as(r.output()).isZero();
    List<String> calls = r.stdout().lines().filter(l -> l.startsWith("aws ")).toList();
    assertThat(calls).allMatch(c -> c.endsWith("--region eu-west-1"));
    assertThat(calls)
        .anyMatch(
            c ->
                c.startsWith(
                    "aws s3api create-bucket --bucket shop-artifacts-123456789012-eu-west-1 "
                        + "--create-bucket-configuration LocationConstraint=eu-west-1"));
    for (String artifact :
        List.of(
            "clickpulse-job.jar",
            "clickpulse-pricing-lambda.zip",
            "glue/ClickpulseGlueEntry.scala",
            "athena-ddl/",
            "geoip/",
            "clickpulse.yaml")) {
      assertThat(calls)
          .as(artifact)
          .anyMatch(
              c ->
                  c.startsWith("aws s3 cp ")
                      && c.contains(
                          "s3://shop-artifacts-123456789012-eu-west-1/shop/"
                              + "dry-run/"
                              + artifact));
    }
    assertThat(calls)
        .anyMatch(
            c ->
                c.startsWith("aws cloudformation create-change-set --stack-name shop ")
                    && c.contains("--change-set-type CREATE")
                    && c.contains("--capabilities CAPABILITY_NAMED_IAM")
                    && c.contains(
                        "--template-url https://shop-artifacts-123456789012-eu-west-1.s3.eu-west-1.amazonaws.com/shop/dry-run/clickpulse.yaml"));
    assertThat(calls)
        .anyMatch(c -> c.startsWith("aws cloudformation describe-change-set"))
        .anyMatch(c -> c.startsWith("aws cloudformation execute-change-set"))
        .anyMatch(
            c -> c.equals("aws glue start-job-run --job-name shop-catalog --region eu-west-1"))
        .anyMatch(
            c -> c.equals("aws glue start-job-run --job-name shop-streaming --region eu-west-1"))
        .anyMatch(c -> c.startsWith("aws quicksight create-dashboard"));
    assertThat(Files.readString(out.resolve("template.yaml")))
        .isEqualTo(Files.readString(StackTemplate.FILE));
    String params = Files.readString(out.resolve("parameters.json"));
    assertThat(params)
        .contains(
            "\"ParameterKey\": \"Prefix\"",
            "\"ParameterValue\": \"shop\"",
            "\"ParameterValue\": \"shop/dry-run/\"",
            "\"ParameterValue\": \"ops@example.com\"");
  }

  @Test
  void undeployDryRunSaysWhatItLeaves(@TempDir Path out) {
    StackTemplate.ProcessResult r =
        StackTemplate.run(
            List.of("./clickpulse", "undeploy", "--stack", "shop", "--dry-run"),
            noCredentials(out),
            60);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout())
        .contains("aws cloudformation delete-stack --stack-name shop --region us-east-1")
        .contains("left in place: the lake bucket")
        .contains("with all its data");
  }

  @Test
  void withoutCredentialsOrStackItSaysWhatIsMissing(@TempDir Path out) {
    Map<String, String> env = noCredentials(out);
    StackTemplate.ProcessResult none =
        StackTemplate.run(List.of("./clickpulse", "deploy", "--region", "us-east-1"), env, 60);
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.stderr()).contains("give the stack name: --stack NAME");
    StackTemplate.ProcessResult noRegion =
        StackTemplate.run(List.of("./clickpulse", "deploy", "--stack", "shop"), env, 60);
    assertThat(noRegion.exitCode()).isEqualTo(2);
    assertThat(noRegion.stderr()).contains("no region");
    StackTemplate.ProcessResult noCreds =
        StackTemplate.run(
            List.of("./clickpulse", "deploy", "--stack", "shop", "--region", "us-east-1"),
            env,
            120);
    assertThat(noCreds.exitCode()).isEqualTo(2);
    assertThat(noCreds.stderr()).contains("no usable AWS credentials").contains("--dry-run");
  }
}
