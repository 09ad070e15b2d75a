package io.clickpulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Which job arguments are clickpulse's: --profile and the keys of its namespaces; Glue's own are
 * ignored.
 */
class JobArgumentsTest {
  @Test
  void argumentsGlueAddsAreIgnoredWhetherListedOrNot() {
    ClickpulseConfig c =
        ClickpulseConfig.fromArgs(
            "--profile",
            "aws",
            "--JOB_NAME",
            "cp-streaming",
            "--JOB_ID",
            "j_1",
            "--JOB_RUN_ID",
            "jr_1",
            "--TempDir",
            "s3://b/tmp/",
            "--job-bookmark-option",
            "job-bookmark-disable",
            "--enable-glue-datacatalog",
            "true",
            "--enable-metrics",
            "true",
            "--write-shuffle-files-to-s3",
            "false",
            "--disable-proxy-v2",
            "--enable-lakeformation-fine-grained-access",
            "false",
            "--a-flag-glue-adds-next-year",
            "x",
            "--redshift_temp_dir",
            "s3://b/r/",
            "--lake.bucket",
            "my-lake");
    assertThat(c.lake().bucket()).isEqualTo("my-lake");
    assertThat(c.arguments().values()).containsOnlyKeys("profile", "lake.bucket");
    assertThat(c.arguments().glueArguments())
        .containsEntry("write-shuffle-files-to-s3", "false")
        .containsEntry("disable-proxy-v2", "true")
        .containsEntry("a-flag-glue-adds-next-year", "x")
        .containsEntry("JOB_RUN_ID", "jr_1");
    assertThat(c.arguments().jobName()).isEqualTo("cp-streaming");
  }

  @Test
  void anUnknownKeyInsideANamespaceStillFails() {
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--sessions.gapp", "5min"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown config key 'sessions.gapp'");
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--dynamodb.table.product_demand=x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown config key 'dynamodb.table.product_demand'");
  }

  @Test
  void onlyProfileAndNamespacedKeysAreClickpulseKeys() {
    assertThat(JobArguments.isClickpulseKey("profile")).isTrue();
    assertThat(JobArguments.isClickpulseKey("kinesis.stream")).isTrue();
    assertThat(JobArguments.isClickpulseKey("kinesis")).isFalse();
    assertThat(JobArguments.isClickpulseKey(".kinesis")).isFalse();
    assertThat(JobArguments.isClickpulseKey("spark.sql.shuffle.partitions")).isFalse();
    assertThat(JobArguments.parse(List.of("--conf", "spark.x=y")).values()).isEmpty();
  }

  @Test
  void namespacesAreThoseOfTheDefaultsFile() throws Exception {
    Properties p = new Properties();
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream(Settings.DEFAULTS_RESOURCE)) {
      p.load(in);
    }
    Set<String> prefixes = new TreeSet<>();
    p.stringPropertyNames()
        .forEach(k -> prefixes.add(k.contains(".") ? k.substring(0, k.indexOf('.')) : k));
    assertThat(new TreeSet<>(JobArguments.NAMESPACES)).isEqualTo(prefixes);
  }
}
