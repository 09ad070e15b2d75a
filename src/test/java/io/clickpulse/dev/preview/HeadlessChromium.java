package io.clickpulse.dev.preview;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's Chromium, headless, on a local page: its DOM after scripts ran, or a screenshot. */
public final class HeadlessChromium {
  private HeadlessChromium() {}

  public static String dumpDom(Path page, Path profile) throws Exception {
    return run(page, profile, "--dump-dom");
  }

  public static void screenshot(Path page, Path profile, Path png) throws Exception {
    run(page, profile, "--screenshot=" + png.toAbsolutePath(), "--window-size=1200,2000");
  }

  private static String run(Path page, Path profile, String... what) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--virtual-time-budget=20000"));
    cmd.addAll(List.of(what));
    cmd.add(page.toAbsolutePath().toUri().toString());
    Path out = Files.createTempFile("chromium", ".out");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("TZ", "UTC"); // the page parses the queries' UTC timestamps as local time
    try {
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("chromium did not finish within 120 s");
      }
      return Files.readString(out);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
