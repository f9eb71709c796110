package mlkata.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import mlkata.grading.Grader;
import mlkata.grading.Kata;
import mlkata.grading.KataResult;
import mlkata.grading.Workspace;
import picocli.CommandLine.Help.Ansi;

/**
 * The grading step of {@code ./mvnw test} (the grader module's exec execution): grades what Maven has
 * just compiled with the same pipeline as {@code kata check}, prints each failing kata's report and the
 * scoreboard, and ends Maven with exit code 1 when a graded kata does not pass, so that nothing follows
 * the scoreboard. Arguments: the repository root, the target ({@code exercises} or {@code solutions}),
 * {@code -Dkata} (a kata, topic or comma-separated list; {@code *} for all) and {@code -Dtest} (surefire's
 * spelling: {@code RocAucSpec}, {@code 'RocAucSpec$Examples'}, {@code RocAucSpec#method}, globs, lists).
 */
public final class MavenGrade {
  private MavenGrade() {}

  public static void main(String[] args) {
    Path root = Path.of(args[0]);
    String target = args.length > 1 ? args[1].strip() : "exercises";
    String focus = args.length > 2 ? unset(args[2]) : "";
    String test = args.length > 3 ? unset(args[3]) : "";
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    Ansi ansi = Ansi.AUTO;
    int code;
    try {
      code = run(Workspace.maven(root).withSpares(!"0".equals(System.getenv("KATA_SPARE"))), target, focus, test, out,
          ansi);
    } catch (UserError | mlkata.grading.GradingException e) {
      out.println("kata: " + e.getMessage());
      code = 2;
    }
    out.flush();
    if (code != 0) {
      // End Maven here: its own error report would only repeat, at length, that a kata fails.
      System.exit(code);
    }
  }

  static int run(Workspace ws, String target, String focus, String test, PrintWriter out, Ansi ansi) {
    return run(ws, target, focus, test, out, ansi, r -> { });
  }

  /** As above; {@code onResult} also sees each kata's result (for tests). */
  static int run(Workspace ws, String target, String focus, String test, PrintWriter out, Ansi ansi,
      Consumer<KataResult> onResult) {
    Catalog catalog = Catalog.load(new Repo(ws.root));
    Map<Kata, List<String>> selectors = new LinkedHashMap<>();
    List<Kata> katas;
    if (!test.isEmpty()) {
      katas = fromTestPattern(catalog, test, selectors);
      if (katas.isEmpty()) {
        out.println("kata: no kata spec matches -Dtest=" + test + " (spec classes look like RocAucSpec,"
            + " groups like 'RocAucSpec$Examples')");
        return 2;
      }
    } else if (focus.isEmpty() || focus.equals("*")) {
      katas = catalog.all();
    } else {
      Set<Kata> chosen = new LinkedHashSet<>();
      for (String part : focus.split(",")) {
        if (!part.isBlank()) {
          chosen.addAll(catalog.select(part));
        }
      }
      katas = new ArrayList<>(chosen);
    }
    Grader.Options options = new Grader.Options(Duration.ofSeconds(10), false, target,
        System.getProperty("QT_SEED", System.getenv("QT_SEED")));
    List<KataResult> results;
    Report report = new Report(out, (style, text) -> ansi.string("@|" + style + " " + text + "|@"));
    try (Grader grader = new Grader(ws)) {
      results = grader.grade(katas, selectors, options, (r, done, total) -> {
        onResult.accept(r);
        if (r.status().equals("failing") || r.status().equals("compile error")) {
          report.print(r, statusColored(ansi, r.status()), 3);
        }
      });
      grader.leaveSpare();
    }
    Map<Kata, KataResult> byKata = new LinkedHashMap<>();
    results.forEach(r -> byKata.put(r.kata, r));
    out.print(Scoreboard.render(target.equals("solutions"), catalog.all(), byKata));
    out.flush();
    boolean ok = results.stream().allMatch(r -> r.status().equals("passing"));
    return ok ? 0 : 1;
  }

  private static String statusColored(Ansi ansi, String status) {
    return ansi.string("@|" + (status.equals("passing") ? "green" : "red") + " " + status + "|@");
  }

  /** Maven passes {@code ${test}} through as it is when the property is not set. */
  private static String unset(String arg) {
    String s = arg == null ? "" : arg.strip();
    return s.startsWith("${") ? "" : s;
  }

  /**
   * The katas a surefire {@code -Dtest} pattern names, and for a group or method, the JUnit selectors
   * that narrow the kata to it.
   */
  static List<Kata> fromTestPattern(Catalog catalog, String test, Map<Kata, List<String>> selectors) {
    Set<Kata> out = new LinkedHashSet<>();
    for (String raw : test.split(",")) {
      String p = raw.strip();
      if (p.isEmpty()) {
        continue;
      }
      String method = null;
      int hash = p.indexOf('#');
      if (hash >= 0) {
        method = p.substring(hash + 1);
        p = p.substring(0, hash);
      }
      String nested = null;
      int dollar = p.indexOf('$');
      if (dollar >= 0) {
        nested = p.substring(dollar + 1);
        p = p.substring(0, dollar);
      }
      Pattern cls = glob(p.replace('/', '.'));
      for (Kata k : catalog.all()) {
        String fqn = k.specClass();
        String simple = fqn.substring(fqn.lastIndexOf('.') + 1);
        if (!cls.matcher(simple).matches() && !cls.matcher(fqn).matches()) {
          continue;
        }
        out.add(k);
        String owner = nested == null ? fqn : fqn + "$" + nested;
        if (method != null) {
          selectors.computeIfAbsent(k, x -> new ArrayList<>()).add("method:" + owner + "#" + method);
        } else if (nested != null) {
          selectors.computeIfAbsent(k, x -> new ArrayList<>()).add("class:" + owner);
        } else {
          selectors.put(k, new ArrayList<>()); // no selector: the whole spec
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static Pattern glob(String g) {
    StringBuilder re = new StringBuilder();
    for (char c : g.toCharArray()) {
      re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(re.toString());
  }
}
