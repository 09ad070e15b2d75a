package io.clickpulse.dev.bench;

import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.sink.LakeDataset;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Data files per dataset the streaming job writes to the lake (markers and folders not counted).
 */
public record LakeFiles(Map<String, Long> byDataset) {
  private static final List<LakeDataset> STREAM_OUTPUTS =
      List.of(
          LakeDataset.RAW, LakeDataset.EVENTS, LakeDataset.HIGH_INTENT, LakeDataset.BAD_RECORDS);

  public static LakeFiles count(S3Client s3, ClickpulseConfig config) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (LakeDataset d : STREAM_OUTPUTS) {
      long files = 0;
      for (var o :
          s3.listObjectsV2Paginator(b -> b.bucket(config.lake().bucket()).prefix(d.folder() + "/"))
              .contents()) {
        String name = o.key().substring(o.key().lastIndexOf('/') + 1);
        if (!name.startsWith("_") && !name.startsWith(".") && o.size() > 0) {
          files++;
        }
      }
      out.put(d.folder(), files);
    }
    return new LakeFiles(out);
  }

  public LakeFiles minus(LakeFiles earlier) {
    Map<String, Long> out = new LinkedHashMap<>();
    byDataset.forEach((k, v) -> out.put(k, v - earlier.byDataset.getOrDefault(k, 0L)));
    return new LakeFiles(out);
  }

  /**
   * Files per hour per dataset, had {@code batches} batches of this kind run at {@code trigger}.
   */
  public String perHour(long batches, Duration trigger) {
    double batchesPerHour = 3600.0 / Math.max(1, trigger.toSeconds());
    return byDataset.entrySet().stream()
        .map(
            e ->
                String.format(
                    Locale.ROOT,
                    "%s %.0f",
                    e.getKey(),
                    batches == 0 ? 0.0 : e.getValue() * batchesPerHour / batches))
        .collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return byDataset.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
