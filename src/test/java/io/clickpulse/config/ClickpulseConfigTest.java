package io.clickpulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickpulseConfigTest {

  @Test
  void defaultsApplyWhenNothingOverrides() {
    ClickpulseConfig c = ClickpulseConfig.fromArgs("--profile", "aws");
    assertThat(c.stream()).isEqualTo(new StreamConfig("clickstream", 2));
    assertThat(c.tables().productDemand()).isEqualTo("product_demand");
    assertThat(c.aws().staticCredentials()).isEmpty();
    assertThat(c.aws().kinesisEndpoint()).isEmpty();
  }

  @Test
  void argumentBeatsProfileBeatsDefault(@TempDir Path dir) throws Exception {
    Path profile = dir.resolve("mine.properties");
    Files.writeString(profile, "kinesis.stream=from-profile\nkinesis.shards=3\n");
    ClickpulseConfig c =
        ClickpulseConfig.fromArgs("--profile", profile.toString(), "--kinesis.stream", "from-arg");
    assertThat(c.stream().name()).isEqualTo("from-arg");
    assertThat(c.stream().shards()).isEqualTo(3);
    assertThat(c.lake().bucket()).isEqualTo("clickpulse-lake");
    assertThat(c.settings().describe())
        .contains("from-arg")
        .contains("(argument --kinesis.stream)")
        .containsPattern("kinesis.shards\\s+= 3\\s+\\(profile ");
  }

  @Test
  void localProfileSetsEmulatorCredentialsAndHidesTheSecret() {
    ClickpulseConfig c = ClickpulseConfig.fromArgs();
    assertThat(c.settings().profile()).isEqualTo("local");
    assertThat(c.aws().staticCredentials()).isPresent();
    assertThat(c.settings().describe()).contains("aws.secret-access-key").contains("****");
  }

  @Test
  void glueOwnArgumentsAreAccepted() {
    ClickpulseConfig c =
        ClickpulseConfig.fromArgs(
            "--JOB_NAME",
            "clickpulse-streaming",
            "--JOB_ID",
            "j_1",
            "--JOB_RUN_ID",
            "jr_1",
            "--TempDir",
            "s3://tmp/x",
            "--job-bookmark-option",
            "job-bookmark-disable",
            "--enable-glue-datacatalog",
            "true",
            "--enable-metrics",
            "--kinesis.shards=4",
            "--profile",
            "aws");
    assertThat(c.arguments().jobName()).isEqualTo("clickpulse-streaming");
    assertThat(c.arguments().glueArguments()).containsEntry("enable-metrics", "true");
    assertThat(c.stream().shards()).isEqualTo(4);
  }

  @Test
  void unknownKeyFailsNamingIt() {
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--kinesis.stram", "x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown config key 'kinesis.stram'")
        .hasMessageContaining("argument --kinesis.stram");
  }

  @Test
  void unknownKeyInProfileFailsNamingFileSource(@TempDir Path dir) throws Exception {
    Path profile = dir.resolve("bad.properties");
    Files.writeString(profile, "lake.buckt=x\n");
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--profile", profile.toString()))
        .hasMessageContaining("'lake.buckt'")
        .hasMessageContaining("profile " + profile);
  }

  @Test
  void badValuesFailNamingKeyAndValue() {
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--kinesis.shards", "many"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'kinesis.shards'")
        .hasMessageContaining("'many'");
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--kinesis.shards", "0"))
        .hasMessageContaining("kinesis.shards")
        .hasMessageContaining("[1, 64]");
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--aws.kinesis.endpoint", "localhost:4567"))
        .hasMessageContaining("aws.kinesis.endpoint")
        .hasMessageContaining("http(s) URL");
    assertThatThrownBy(() -> WithDevTools.fromArgs("--generate.late-by", "soon"))
        .hasMessageContaining("generate.late-by")
        .hasMessageContaining("duration");
    assertThatThrownBy(() -> WithDevTools.fromArgs("--generate.malformed-share", "1.5"))
        .hasMessageContaining("generate.malformed-share");
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--lake.bucket", "Bad_Bucket"))
        .hasMessageContaining("lake.bucket");
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--aws.region", "mars"))
        .hasMessageContaining("aws.region");
    assertThatThrownBy(() -> WithDevTools.fromArgs("--stack.s3-backend", "tape"))
        .hasMessageContaining("stack.s3-backend");
  }

  @Test
  void requiredValueMayNotBeEmpty() {
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--kinesis.stream", ""))
        .hasMessageContaining("'kinesis.stream' is required");
  }

  @Test
  void credentialsMustComeInPairs() {
    assertThatThrownBy(
            () ->
                ClickpulseConfig.fromArgs("--profile", "aws", "--aws.access-key-id", "AKIDEXAMPLE"))
        .hasMessageContaining("aws.access-key-id")
        .hasMessageContaining("aws.secret-access-key");
  }

  @Test
  void unknownProfileIsNamed() {
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--profile", "staging"))
        .hasMessageContaining("no profile named 'staging'");
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--profile", "/nowhere/p.properties"))
        .hasMessageContaining("file not found");
  }

  @Test
  void positionalTokenIsRejected() {
    assertThatThrownBy(() -> JobArguments.parse(List.of("stream")))
        .hasMessageContaining("'stream'")
        .hasMessageContaining("--key value");
  }

  @Test
  void durationsAcceptUnitsAndIso() {
    assertThat(Settings.parseDuration("500ms")).contains(Duration.ofMillis(500));
    assertThat(Settings.parseDuration("30s")).contains(Duration.ofSeconds(30));
    assertThat(Settings.parseDuration("5min")).contains(Duration.ofMinutes(5));
    assertThat(Settings.parseDuration("2h")).contains(Duration.ofHours(2));
    assertThat(Settings.parseDuration("PT1M30S")).contains(Duration.ofSeconds(90));
    assertThat(Settings.parseDuration("1 fortnight")).isEmpty();
  }

  @Test
  void everyDocumentedKeyHasACommentAndEveryProfileKeyIsDocumented() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("conf/clickpulse-defaults.properties"));
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.isBlank() && !line.startsWith("#")) {
        int j = i - 1;
        while (j >= 0 && !lines.get(j).startsWith("#") && !lines.get(j).isBlank()) {
          j--; // keys documented together share one comment block
        }
        assertThat(j).as("comment above " + line).isGreaterThanOrEqualTo(0);
        assertThat(lines.get(j)).as("comment above " + line).startsWith("#");
      }
    }
    for (String profile : List.of("local", "aws")) {
      ClickpulseConfig.fromArgs("--profile", profile); // throws on an undocumented key
    }
  }
}
