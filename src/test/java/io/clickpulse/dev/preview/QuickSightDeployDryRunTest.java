package io.clickpulse.dev.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.quicksight.model.CreateAnalysisRequest;
import software.amazon.awssdk.services.quicksight.model.CreateDashboardRequest;
import software.amazon.awssdk.services.quicksight.model.CreateDataSetRequest;
import software.amazon.awssdk.services.quicksight.model.CreateDataSourceRequest;

/**
 * quicksight/deploy.sh --dry-run: the AWS CLI calls it would make, and the bodies it would send,
 * valid.
 */
class QuickSightDeployDryRunTest {
  @Test
  void dryRunPrintsEveryCreateCallWithBodiesThatFitTheModel(@TempDir Path out) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", "quicksight/deploy.sh", "--dry-run").redirectErrorStream(true);
    pb.environment().put("DEPLOY_OUT", out.toString());
    pb.environment().remove("AWS_ACCOUNT_ID");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(output).isZero();
    List<String> calls = output.lines().filter(l -> l.startsWith("aws quicksight ")).toList();
    // one call per data set file, and the data source, analysis and dashboard
    QuickSightFiles files = QuickSightFiles.load(Path.of("quicksight"), QuickSightFiles.EXAMPLE);
    int dataSets = files.dataSets().size();
    assertThat(dataSets).isEqualTo(13);
    assertThat(calls).hasSize(dataSets + 3);
    assertThat(calls).filteredOn(c -> c.contains("create-data-set ")).hasSize(dataSets);
    assertThat(calls)
        .anySatisfy(c -> assertThat(c).startsWith("aws quicksight create-data-source"))
        .anySatisfy(c -> assertThat(c).startsWith("aws quicksight create-analysis"))
        .anySatisfy(c -> assertThat(c).startsWith("aws quicksight create-dashboard"));
    ObjectMapper json = new ObjectMapper();
    List<String> problems = new ArrayList<>();
    QuickSightModel.read(
        json.readTree(out.resolve("data-source.json").toFile()),
        CreateDataSourceRequest.class,
        problems);
    try (var sets = Files.list(out)) {
      for (Path f : sets.filter(f -> f.getFileName().toString().startsWith("data-set-")).toList()) {
        QuickSightModel.read(json.readTree(f.toFile()), CreateDataSetRequest.class, problems);
      }
    }
    var analysis =
        QuickSightModel.read(
            json.readTree(out.resolve("analysis.json").toFile()),
            CreateAnalysisRequest.class,
            problems);
    var dashboard =
        QuickSightModel.read(
            json.readTree(out.resolve("dashboard.json").toFile()),
            CreateDashboardRequest.class,
            problems);
    assertThat(problems).isEmpty();
    assertThat(analysis.awsAccountId()).isEqualTo("123456789012");
    assertThat(dashboard.definition().sheets().get(0).visuals())
        .hasSize(files.visuals().size())
        .hasSize(15);
    assertThat(Files.readString(out.resolve("dashboard.json"))).doesNotContain("${");
  }
}
