package io.clickpulse.dev.preview;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, on a local page: its DOM after scripts ran, or a screenshot. It runs
 * in a window of a given size and time zone; by default New York's, so that a page that relies on
 * the browser's time zone being UTC shows it.
 */
public final class HeadlessChromium {
  /** The window's size in CSS pixels and the browser's time zone (TZ). */
  public record Window(int width, int height, String timeZone) {
    public static final Window DEFAULT = new Window(1400, 2000, "America/New_York");

    public Window withWidth(int w) {
      return new Window(w, height, timeZone);
    }

    public Window withHeight(int h) {
      return new Window(width, h, timeZone);
    }
  }

  private HeadlessChromium() {}

  public static String dumpDom(Path page, Path profile) throws Exception {
    return dumpDom(page, profile, Window.DEFAULT);
  }

  public static String dumpDom(Path page, Path profile, Window window) throws Exception {
    return run(page, profile, window, "--dump-dom");
  }

  public static void screenshot(Path page, Path profile, Path png) throws Exception {
    screenshot(page, profile, png, Window.DEFAULT);
  }

  /** The window's view of the page: for the full page, a window as tall as the page. */
  public static void screenshot(Path page, Path profile, Path png, Window window) throws Exception {
    run(page, profile, window, "--screenshot=" + png.toAbsolutePath(), "--hide-scrollbars");
  }

  private static String run(Path page, Path profile, Window window, String... what)
      throws Exception {
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
    cmd.add("--window-size=" + window.width() + "," + window.height());
    cmd.addAll(List.of(what));
    cmd.add(page.toAbsolutePath().toUri().toString());
    Path out = Files.createTempFile("chromium", ".out");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("TZ", window.timeZone());
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
