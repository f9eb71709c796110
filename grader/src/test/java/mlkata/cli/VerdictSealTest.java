package mlkata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import mlkata.grading.Workspace;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * The verdict belongs to the grader: submissions that try to forge a pass, or that could lose a
 * check's result by accident, graded on the real {@code metrics/roc-auc} kata by both fronts, the
 * {@code kata check} command (which compiles the file itself) and the grading step of
 * {@code ./mvnw test} (which grades what Maven compiled). Each must be reported failing or refused,
 * with its message, and both fronts must agree; the honest control must pass on both, with its debug
 * printing shown next to the check that printed it.
 */
@Timeout(300)
final class VerdictSealTest {
  private static final String STUB_PATH = "exercises/src/main/java/mlkata/exercises/metrics/RocAuc.java";

  /** The reference solution as a learner's file, plus a line of debug output in auc. */
  private static String honest() throws IOException {
    String reference = Files.readString(repoRoot().resolve("solutions/src/main/java/mlkata/solutions/metrics/RocAuc.java"));
    return reference.replace("package mlkata.solutions.metrics;", "package mlkata.exercises.metrics;");
  }

  /** A learner file with {@code body} as both methods' shared helper, {@code extra} as more members. */
  private static String learner(String imports, String aucBody, String extra) {
    return "package mlkata.exercises.metrics;\n" + imports + "\n"
        + "public final class RocAuc {\n"
        + "  private RocAuc() {}\n"
        + "  public record Curve(double[] fpr, double[] tpr, double[] thresholds) {}\n"
        + "  public static Curve rocCurve(double[] scores, int[] labels) {\n"
        + "    return new Curve(new double[] {0, 1}, new double[] {0, 1}, new double[] {Double.POSITIVE_INFINITY, 0});\n"
        + "  }\n"
        + "  public static double auc(double[] scores, int[] labels) {\n" + aucBody + "\n  }\n"
        + extra + "\n}\n";
  }

  record Attack(String name, Map<String, String> files, String verdict, String mustSay) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Attack> attacks() throws IOException {
    List<Attack> out = new ArrayList<>();
    out.add(new Attack("honest control with debug printing", Map.of(STUB_PATH,
        honest().replace("public static double auc(double[] scores, int[] labels) {",
            "public static double auc(double[] scores, int[] labels) {\n    System.out.println(\"debug: n=\" + scores.length);")),
        "passing", "debug: n="));
    out.add(new Attack("calling the reference through reflection", Map.of(STUB_PATH, learner("",
        "    try {\n"
            + "      Class<?> c = Class.forName(\"mlkata.solutions.metrics.RocAuc\");\n"
            + "      return (double) c.getMethod(\"auc\", double[].class, int[].class).invoke(null, scores, labels);\n"
            + "    } catch (ReflectiveOperationException e) { throw new IllegalStateException(e); }", "")),
        "refused", "RocAuc.java:11 uses Class.forName: reflection can reach the grader and the reference"));
    out.add(new Attack("finding the spec on the stack", Map.of(STUB_PATH, learner("",
        "    StackWalker.getInstance().forEach(f -> System.out.println(f.getClassName()));\n"
            + "    for (StackTraceElement e : new Throwable().getStackTrace()) { System.out.println(e); }\n"
            + "    return 0.5;", "")),
        "refused", "a kata may not inspect the call stack"));
    out.add(new Attack("compiling the reference from disk", Map.of(STUB_PATH, learner(
        "import java.nio.file.*; import javax.tools.*;",
        "    try {\n"
            + "      String src = Files.readString(Path.of(\"solutions/src/main/java/mlkata/solutions/metrics/RocAuc.java\"));\n"
            + "      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();\n"
            + "      return src.length() + (javac == null ? 0 : 1);\n"
            + "    } catch (java.io.IOException e) { return 0; }", "")),
        "refused", "uses java.nio.file.Files: katas do not read or write files"));
    out.add(new Attack("printing fake results to file descriptor 1", Map.of(STUB_PATH, learner("",
        "    java.io.PrintStream raw = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out));\n"
            + "    raw.println(\"{\\\"event\\\":\\\"finished\\\",\\\"status\\\":\\\"passed\\\"}\");\n"
            + "    return 0.5;", "")),
        "refused", "uses java.io.FileOutputStream"));
    out.add(new Attack("printing fake result frames on System.out", Map.of(STUB_PATH, learner("",
        "    System.out.println(\"{\\\"event\\\":\\\"finished\\\",\\\"kata\\\":\\\"metrics/roc-auc\\\",\\\"status\\\":\\\"passed\\\"}\");\n"
            + "    System.out.print(\"\\u0000\\u0000\\u0000\\u0010{\\\"event\\\":\\\"done\\\"}\");\n"
            + "    return 0.5;", "")),
        "failing", "\"event\":\"finished\""));
    out.add(new Attack("a shutdown hook", Map.of(STUB_PATH, learner("",
        "    Runtime.getRuntime().addShutdownHook(new Thread(() -> { }));\n    return 0.5;", "")),
        "refused", "uses java.lang.Runtime: a kata may not start processes, add shutdown hooks or end the JVM"));
    out.add(new Attack("no validation, one byte printed without a newline on bad input", Map.of(STUB_PATH,
        honest().replace("throw new IllegalArgumentException(", "System.out.print(\"x\"); if (false) throw new IllegalArgumentException(")),
        "failing", "undefined and invalid input"));
    out.add(new Attack("10 MB printed without a newline", Map.of(STUB_PATH,
        honest().replace("public static double auc(double[] scores, int[] labels) {",
            "private static boolean printed;\n  public static double auc(double[] scores, int[] labels) {\n"
                + "    if (!printed) { printed = true; char[] big = new char[10 << 20]; java.util.Arrays.fill(big, 'y');"
                + " System.out.print(new String(big)); }")),
        "passing", "[output cut:"));
    out.add(new Attack("System.exit", Map.of(STUB_PATH, learner("", "    System.exit(0);\n    return 0.5;", "")),
        "refused", "uses System.exit: a kata may not end the JVM"));
    out.add(new Attack("deleting the learner's state", Map.of(STUB_PATH, learner("",
        "    try { java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(\".kata/state.json\")); }"
            + " catch (java.io.IOException e) { }\n    return 0.5;", "")),
        "refused", "katas do not read or write files"));
    out.add(new Attack("starting a process", Map.of(STUB_PATH, learner("",
        "    try { new ProcessBuilder(\"sleep\", \"60\").start(); } catch (java.io.IOException e) { }\n    return 0.5;", "")),
        "refused", "uses java.lang.ProcessBuilder: a kata may not start processes"));
    out.add(new Attack("a class posing as the grader's Target", Map.of(
        STUB_PATH, learner("", "    return mlkata.grader.support.Target.pick(0.5, 0.25);", ""),
        "exercises/src/main/java/mlkata/grader/support/Target.java",
        "package mlkata.grader.support;\npublic final class Target {\n"
            + "  public static <T> T pick(T exercises, T solutions) { return solutions; }\n}\n"),
        "refused", "outside mlkata.exercises"));
    return out.stream();
  }

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void both_fronts_give_the_grader_s_verdict(Attack attack) throws Exception {
    Path root = fakeRoot(attack);
    JsonObject viaKata = kataCheck(root);
    JsonObject viaMaven = mavenGrade(root);
    for (JsonObject[] pair : new JsonObject[][] {{viaKata}, {viaMaven}}) {
      JsonObject r = pair[0];
      String front = r == viaKata ? "kata check" : "./mvnw test";
      String all = r.toString();
      switch (attack.verdict()) {
        case "passing":
          assertThat(r.get("status").getAsString()).as("%s on %s: %s", front, attack, clip(all)).isEqualTo("passing");
          assertThat(r.get("passed").getAsInt()).as("%s: every check has a result", front).isEqualTo(expectedChecks());
          break;
        case "failing":
          assertThat(r.get("status").getAsString()).as("%s on %s: %s", front, attack, clip(all)).isEqualTo("failing");
          assertNoCheckLost(front + " on " + attack, r);
          break;
        default:
          assertThat(r.get("status").getAsString()).as("%s on %s: %s", front, attack, clip(all)).isEqualTo("failing");
          assertThat(r.getAsJsonArray("refused")).as("%s on %s refuses before running: %s", front, attack, clip(all))
              .isNotEmpty();
          assertThat(r.getAsJsonArray("tests")).as("%s on %s runs nothing", front, attack).isEmpty();
      }
      assertThat(all.replace("\\u003d", "=")).as("%s on %s says", front, attack).contains(attack.mustSay().replace("\"", "\\\""));
    }
    assertThat(viaMaven.get("status")).as("both fronts agree on %s", attack).isEqualTo(viaKata.get("status"));
    assertThat(viaMaven.get("passed")).as("both fronts count alike on %s", attack).isEqualTo(viaKata.get("passed"));
  }

  private static String clip(String s) {
    return s.length() > 3000 ? s.substring(0, 3000) + "..." : s;
  }

  private static List<String> expectedChecks;

  /** The checks of roc-auc: those the honest control passes (graded once, then remembered). */
  private int expectedChecks() throws Exception {
    return expectedNames().size();
  }

  private List<String> expectedNames() throws Exception {
    if (expectedChecks == null) {
      Attack control = attacks().findFirst().orElseThrow();
      JsonObject r = kataCheck(fakeRoot(new Attack("count", control.files(), "passing", "")));
      List<String> names = new ArrayList<>();
      r.getAsJsonArray("tests").forEach(t -> names.add(t.getAsJsonObject().get("name").getAsString()));
      assertThat(names).as("roc-auc's checks").hasSizeGreaterThan(20);
      expectedChecks = names;
    }
    return expectedChecks;
  }

  /**
   * Every check of the honest run has a result: itself, or (when a timeout made the grader skip the rest
   * of the kata) the parameterized group it belongs to, reported as one failing entry.
   */
  private void assertNoCheckLost(String what, JsonObject r) throws Exception {
    List<String> got = new ArrayList<>();
    r.getAsJsonArray("tests").forEach(t -> got.add(t.getAsJsonObject().get("name").getAsString()));
    List<String> lost = new ArrayList<>();
    for (String expected : expectedNames()) {
      if (!got.contains(expected) && got.stream().noneMatch(g -> expected.startsWith(g + " > "))) {
        lost.add(expected);
      }
    }
    assertThat(lost).as("%s: checks with no result", what).isEmpty();
  }

  private Path fakeRoot(Attack attack) throws IOException {
    Path root = Files.createTempDirectory(dir, "repo");
    write(root, "grader/src/test/resources/mlkata/curriculum.txt", "metrics/roc-auc  ROC curve and AUC\n");
    write(root, "grader/src/test/java/mlkata/grader/metrics/RocAucSpec.java", "// the real spec is on the classpath\n");
    for (Map.Entry<String, String> f : attack.files().entrySet()) {
      write(root, f.getKey(), f.getValue());
    }
    return root;
  }

  /** {@code kata check roc-auc --json}: the command compiles the learner's file itself. */
  private JsonObject kataCheck(Path root) {
    return kataCheck(root, "roc-auc");
  }

  /** {@code kata check KATA --json ARGS} on the repository {@code root}: the one kata's result. */
  static JsonObject kataCheck(Path root, String kata, String... args) {
    Env env = new Env(root, Clock.systemUTC(), new BufferedReader(new StringReader("")), FakeRepo.testClasspath(),
        Duration.ofMillis(50));
    CommandLine cl = Main.commandLine(env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> command = new ArrayList<>(List.of("check", kata, "--json"));
    command.addAll(List.of(args));
    cl.execute(command.toArray(String[]::new));
    JsonObject json = Store.GSON.fromJson(out.toString(), JsonObject.class);
    assertThat(json).as("kata check printed JSON: %s %s", out, err).isNotNull();
    return json.getAsJsonArray("katas").get(0).getAsJsonObject();
  }

  /** The grading step of {@code ./mvnw test}, on classes compiled as Maven compiles exercises/. */
  private JsonObject mavenGrade(Path root) throws IOException {
    Path classes = root.resolve("exercises/target/classes");
    Files.createDirectories(classes);
    List<File> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root.resolve("exercises/src/main/java"))) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> sources.add(p.toFile()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter log = new StringWriter();
    boolean ok = javac.getTask(log, null, null, List.of("-d", classes.toString(), "-g", "--release", "17", "-proc:none"),
        null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjectsFromFiles(sources)).call();
    assertThat(ok).as("the attack compiles as Maven would compile it: %s", log).isTrue();
    StringWriter out = new StringWriter();
    Workspace ws = Workspace.maven(root, FakeRepo.testClasspath());
    Map<String, JsonObject> byKata = new LinkedHashMap<>();
    MavenGrade.run(ws, "exercises", "roc-auc", "", new PrintWriter(out, true), Ansi.OFF, r -> byKata.put(r.kata.id(), Report.toJson(r)));
    assertThat(byKata).as("the Maven front graded roc-auc: %s", out).containsKey("metrics/roc-auc");
    JsonObject r = byKata.get("metrics/roc-auc");
    r.addProperty("printed", out.toString());
    return r;
  }

  static void write(Path root, String relative, String text) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  static Path repoRoot() {
    return Path.of(System.getProperty("kata.root", "..")).toAbsolutePath().normalize();
  }
}
