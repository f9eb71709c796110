package mlkata.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Loads an HTML page the command wrote in a real browser (Debian's {@code chromium}, headless; {@code .ci/run}
 * installs it) and reports what a learner would meet: script or resource errors, and how much of the
 * screenshot is drawn. Where no chromium is installed, {@link #find} skips the test with a message that
 * says how to install one.
 */
final class HeadlessBrowser {
  /** The marker the error hook writes into the DOM once the page has loaded. */
  private static final Pattern MARKER = Pattern.compile("data-kata-errors=\"(\\d+)\" data-kata-messages=\"([^\"]*)\"");

  private final Path executable;
  private final Path work;

  private HeadlessBrowser(Path executable, Path work) {
    this.executable = executable;
    this.work = work;
  }

  /** The installed chromium (or {@code $CHROMIUM}), or a skipped test. */
  static HeadlessBrowser find(Path work) {
    List<String> names = new ArrayList<>();
    String env = System.getenv("CHROMIUM");
    if (env != null && !env.isBlank()) {
      names.add(env);
    }
    names.addAll(List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"));
    for (String name : names) {
      Path p = Path.of(name);
      if (p.isAbsolute() && Files.isExecutable(p)) {
        return new HeadlessBrowser(p, work);
      }
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(candidate)) {
          return new HeadlessBrowser(candidate, work);
        }
      }
    }
    assumeTrue(false, "browser test skipped: no chromium found on PATH (install it with 'apt-get install -y chromium',"
        + " as .ci/run does, or point $CHROMIUM at one)");
    return null;
  }

  /**
   * Copies a visited page's screenshot and checked copy to {@code target/browser-screenshots/}, where a
   * person can look at them after the build.
   */
  static void keep(Path work, String name) throws IOException {
    Path target = Path.of("target", "browser-screenshots");
    Files.createDirectories(target);
    for (String suffix : List.of(".png", ".checked.html")) {
      Path from = work.resolve(name + suffix);
      if (Files.exists(from)) {
        Files.copy(from, target.resolve(name + suffix), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** What the browser met: the errors the page's hook counted, console errors on the log, the screenshot. */
  record Visit(int errors, String messages, List<String> consoleErrors, BufferedImage screenshot, String dom) {
    /** Pixels that differ from the page's background (the top-left pixel) by more than a faint anti-aliasing. */
    long drawnPixels() {
      int bg = screenshot.getRGB(0, 0);
      long n = 0;
      for (int y = 0; y < screenshot.getHeight(); y++) {
        for (int x = 0; x < screenshot.getWidth(); x++) {
          if (distance(screenshot.getRGB(x, y), bg) > 24) {
            n++;
          }
        }
      }
      return n;
    }

    /** Distinct colours in the screenshot, quantized to 4 bits a channel: text alone gives a handful of greys. */
    int colours() {
      Set<Integer> seen = new HashSet<>();
      for (int y = 0; y < screenshot.getHeight(); y += 2) {
        for (int x = 0; x < screenshot.getWidth(); x += 2) {
          int c = screenshot.getRGB(x, y);
          int r = (c >> 20) & 0xf;
          int g = (c >> 12) & 0xf;
          int b = (c >> 4) & 0xf;
          if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 3) {
            seen.add((r << 8) | (g << 4) | b);
          }
        }
      }
      return seen.size();
    }

    private static int distance(int a, int b) {
      return Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff)) + Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff))
          + Math.abs((a & 0xff) - (b & 0xff));
    }

    /** Asserts the page loaded without an error and drew something: the learner would see a page. */
    void assertRenderedCleanly(String what) {
      assertThat(errors).as(what + ": errors caught by the page's hook: " + messages).isZero();
      assertThat(consoleErrors).as(what + ": console errors on chromium's log").isEmpty();
      long total = (long) screenshot.getWidth() * screenshot.getHeight();
      assertThat(drawnPixels()).as(what + ": pixels drawn on the " + screenshot.getWidth() + "x" + screenshot.getHeight()
          + " screenshot (a blank page draws none)").isGreaterThan(total / 50);
    }
  }

  /**
   * Loads a copy of {@code page} with an error hook added (script errors, failed resource loads, and
   * {@code console.error}), with every host name unresolvable so that a page fetching anything fails,
   * takes a {@code width}x{@code height} screenshot and dumps the DOM.
   */
  Visit visit(Path page, String name, int width, int height) throws IOException, InterruptedException {
    return visit(page, name, width, height, 1);
  }

  /** {@link #visit(Path, String, int, int)} drawn at {@code scale} device pixels per CSS pixel (a smaller screenshot). */
  Visit visit(Path page, String name, int width, int height, double scale) throws IOException, InterruptedException {
    String html = Files.readString(page, StandardCharsets.UTF_8);
    String hook = "<script>window.__kataErrors=[];"
        + "window.addEventListener('error',function(e){window.__kataErrors.push(e.message||('failed to load '+"
        + "((e.target&&(e.target.src||e.target.href))||'a resource')));},true);"
        + "var __ce=console.error;console.error=function(){window.__kataErrors.push(Array.prototype.join.call(arguments,' '));"
        + "__ce.apply(console,arguments);};"
        + "window.addEventListener('load',function(){var d=document.createElement('div');d.id='kata-error-marker';"
        + "d.setAttribute('data-kata-errors',String(window.__kataErrors.length));"
        + "d.setAttribute('data-kata-messages',window.__kataErrors.join(' | ').replace(/\"/g,\"'\"));"
        + "d.style.display='none';document.body.appendChild(d);});</script>";
    int head = html.indexOf("<head>");
    assertThat(head).as(name + " has a <head>").isNotNegative();
    Path copy = work.resolve(name + ".checked.html");
    Files.writeString(copy, html.substring(0, head + 6) + hook + html.substring(head + 6), StandardCharsets.UTF_8);
    Path png = work.resolve(name + ".png");
    Files.deleteIfExists(png);
    List<String> log = new ArrayList<>();
    // One start of the browser does both: the screenshot, then the DOM on standard output.
    List<String> flags = new ArrayList<>(List.of("--screenshot=" + png, "--dump-dom", "--window-size=" + width + "," + height));
    if (scale != 1) {
      flags.add("--force-device-scale-factor=" + scale);
    }
    String dom = String.join("\n", run(copy, flags, log));
    assertThat(png).as("chromium wrote a screenshot of " + name).exists();
    BufferedImage image = ImageIO.read(png.toFile());
    Matcher m = MARKER.matcher(dom);
    assertThat(m.find()).as(name + ": the page's load event ran (its error marker is in the DOM)").isTrue();
    List<String> console = new ArrayList<>();
    for (String line : log) {
      if (line.contains(":CONSOLE") && (line.contains("Uncaught") || line.toLowerCase().contains("error"))) {
        console.add(line);
      }
    }
    return new Visit(Integer.parseInt(m.group(1)), m.group(2), console, image, dom);
  }

  /** Runs chromium on {@code page}; returns its standard output, adds its log lines to {@code log}. */
  private List<String> run(Path page, List<String> extra, List<String> log) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
        "--disable-extensions", "--mute-audio", "--enable-logging=stderr", "--v=0",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + work.resolve("chromium-profile"),
        "--virtual-time-budget=2000"));
    cmd.addAll(extra);
    cmd.add(page.toUri().toString());
    Path out = Files.createTempFile(work, "chromium", ".out");
    Path err = Files.createTempFile(work, "chromium", ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 60 s on " + page);
    }
    log.addAll(Files.readAllLines(err, StandardCharsets.UTF_8));
    return Files.readAllLines(out, StandardCharsets.UTF_8);
  }
}
