package mlkata.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mlkata.grading.Kata;
import mlkata.grading.PictureJob;
import mlkata.grading.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
    description = {"Draw your code's result next to the reference's on a fixed input, in an HTML page.",
        "ROC and PR curves, learning-rate schedules, activations, CDFs, attention weights, boxes...: your",
        "code runs in the grading JVM under the same sandbox as a check. A kata whose code throws or is not",
        "started still gets a page: the reference's picture and what went wrong, in words. The page is",
        "self-contained (inline SVG, nothing fetched); by default .kata/show/<topic>/<kata>.html."})
final class ShowCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "KATA")
  String kataName;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the page here instead.")
  Path out;

  @Option(names = "--open", description = "Open the page in $BROWSER when set, else in the desktop's browser (where there is a desktop).")
  boolean open;

  @Option(names = "--reference", description = "Draw the reference in your code's place (to see the page work).")
  boolean reference;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "Time limit for your code (default ${DEFAULT-VALUE} s).")
  double timeoutSeconds;

  @Override
  public Integer call() {
    Session s = new Session(main, spec.commandLine());
    Kata kata = s.catalog().kata(kataName);
    Duration timeout = Limits.timeout(timeoutSeconds);
    if (!hasPicture(s.repo, kata)) {
      throw new UserError(kata + " has no picture; the katas with one: " + String.join(", ", visual(s)));
    }
    String target = reference ? "solutions" : "exercises";
    PictureJob.Outcome outcome = PictureJob.draw(Workspace.kataCommand(s.repo.root, s.env.graderClasspath), kata, target,
        timeout);
    Path page = out != null ? out.toAbsolutePath() : page(s.repo, kata);
    Store.writeAtomic(page, ShowPage.render(kata, outcome, target, s.now(), s.env.clock.getZone()).getBytes(
        java.nio.charset.StandardCharsets.UTF_8), s.repo.tmp());
    int problems = outcome.error() != null ? 1 : 0;
    if (outcome.figure() != null) {
      problems += outcome.figure().getAsJsonArray("learnerErrors").size();
    }
    if (!outcome.compileErrors().isEmpty()) {
      s.out.println(kata + ": your code does not compile; the page shows the reference's picture and javac's errors.");
    } else if (outcome.figure() == null) {
      s.out.println(kata + ": no picture: " + outcome.error());
    } else if (problems > 0) {
      s.out.println(kata + ": " + problems + (problems == 1 ? " problem" : " problems") + " with your code, named on the page"
          + " above the reference's picture.");
    } else {
      s.out.println(kata + ": drawn, yours over the reference's.");
    }
    if (outcome.failing() != null) {
      s.out.println(kata + ": also drawn on the smallest failing input the grader found (property '"
          + outcome.failing().get("property").getAsString() + "'" + (outcome.failing().has("seed")
          && !outcome.failing().get("seed").isJsonNull() ? ", seed " + outcome.failing().get("seed").getAsString() : "")
          + "), under the first picture.");
    }
    s.out.println("Page: " + page.toUri());
    if (open) {
      s.out.println(openInBrowser(page, s.env::getenv));
    }
    s.out.flush();
    return outcome.figure() == null ? 1 : 0;
  }

  /** Where {@code kata show} writes a kata's page by default. */
  static Path page(Repo repo, Kata kata) {
    return repo.kataDir().resolve("show").resolve(kata.topic()).resolve(kata.name() + ".html");
  }

  /** True when the grader has a picture for {@code kata} (its {@code <Name>Picture.java} beside the spec). */
  static boolean hasPicture(Repo repo, Kata kata) {
    return Files.isRegularFile(repo.file(kata.specPath().replaceAll("Spec\\.java$", "Picture.java")));
  }

  private static List<String> visual(Session s) {
    return s.catalog().all().stream().filter(k -> hasPicture(s.repo, k)).map(Kata::name).toList();
  }

  /**
   * Opens the page: with the command in {@code BROWSER} when it is set (the convention of many Unix tools:
   * one command, or several separated by ':' tried in turn, each given the page's path, or with {@code %s}
   * replaced by it), else with the desktop's opener where a desktop is known to be; otherwise says so.
   */
  static String openInBrowser(Path page, java.util.function.UnaryOperator<String> getenv) {
    String browser = getenv.apply("BROWSER");
    if (browser != null && !browser.isBlank()) {
      String last = null;
      for (String command : browser.split(":")) {
        if (command.isBlank()) {
          continue;
        }
        List<String> cmd = new java.util.ArrayList<>(List.of(command.strip().split("\\s+")));
        boolean placed = false;
        for (int i = 0; i < cmd.size(); i++) {
          if (cmd.get(i).contains("%s")) {
            cmd.set(i, cmd.get(i).replace("%s", page.toString()));
            placed = true;
          }
        }
        if (!placed) {
          cmd.add(page.toString());
        }
        try {
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
          return "Opened with " + cmd.get(0) + " (from BROWSER).";
        } catch (IOException e) {
          last = "(--open: could not run " + cmd.get(0) + " (from BROWSER): " + Store.oneLine(e.getMessage())
              + "; open the address above)";
        }
      }
      if (last != null) {
        return last;
      }
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    List<String> cmd;
    if (os.contains("mac")) {
      cmd = List.of("open", page.toString());
    } else if (os.contains("win")) {
      cmd = List.of("rundll32", "url.dll,FileProtocolHandler", page.toString());
    } else if (getenv.apply("DISPLAY") != null || getenv.apply("WAYLAND_DISPLAY") != null) {
      cmd = List.of("xdg-open", page.toString());
    } else {
      return "(--open: no desktop here (neither DISPLAY nor WAYLAND_DISPLAY is set, nor BROWSER); open the address above"
          + " in a browser)";
    }
    try {
      new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return "Opened with " + cmd.get(0) + ".";
    } catch (IOException e) {
      return "(--open: could not run " + cmd.get(0) + ": " + Store.oneLine(e.getMessage()) + "; open the address above)";
    }
  }
}
