package mlkata.cli;

import mlkata.grading.Kata;
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
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import picocli.CommandLine;

/**
 * A tiny repository laid out like the real one, with one fake kata {@code fake/echo} (a method that
 * returns its argument) whose stub, solution, spec and hints are written here. The spec is compiled
 * into the fixture, so the kata command grades it exactly as it grades a real kata, in a child JVM,
 * within a second or two.
 */
final class FakeRepo {
  static final String STUB = String.join("\n",
      "package mlkata.exercises.fake;",
      "",
      "/**",
      " * <h2>Kata: echo</h2>",
      " *",
      " * <p>Return the argument {@code x} unchanged.",
      " */",
      "public final class Echo {",
      "  private Echo() {}",
      "",
      "  /** Returns x. */",
      "  public static int echo(int x) {",
      "    throw new UnsupportedOperationException(\"Not implemented yet: delete this line and implement Echo.echo\");",
      "  }",
      "}",
      "");

  static final String SOLUTION = STUB.replace("package mlkata.exercises.fake;", "package mlkata.solutions.fake;")
      .replace("throw new UnsupportedOperationException(\"Not implemented yet: delete this line and implement Echo.echo\");", "return x;");

  static final String SPEC = String.join("\n",
      "package mlkata.grader.fake;",
      "",
      "import mlkata.exercises.fake.Echo;",
      "import org.junit.jupiter.api.Test;",
      "import static org.junit.jupiter.api.Assertions.assertEquals;",
      "",
      "@mlkata.grader.support.KataSpec",
      "@org.junit.jupiter.api.DisplayName(\"fake/echo: Echo\")",
      "public class EchoSpec {",
      "  @Test void echoes_one() { assertEquals(1, Echo.echo(1), \"echo(1)\"); }",
      "  @Test void echoes_two() { assertEquals(2, Echo.echo(2), \"echo(2)\"); }",
      "}",
      "");

  static final String HINTS = String.join("\n",
      "# Echo", "", "## Tier 1: Nudge", "Think about identity.", "", "## Tier 2: Approach", "Return the input.", "",
      "## Tier 3: Near-solution", "return x;", "", "## Talking points", "Trivial.", "", "## Complexity", "O(1).", "");

  /**
   * A second kata, {@code fake/twice}, with four checks and an efficiency check (ten calls of
   * {@code twice(0)} within 20 times the reference's 1 ms floor).
   */
  static final String TWICE_STUB = String.join("\n",
      "package mlkata.exercises.fake;",
      "",
      "/** <h2>Kata: twice</h2> Return 2x. */",
      "public final class Twice {",
      "  private Twice() {}",
      "",
      "  /** Returns 2x. */",
      "  public static int twice(int x) {",
      "    throw new UnsupportedOperationException(\"Not implemented yet: delete this line and implement Twice.twice\");",
      "  }",
      "}",
      "");

  static final String TWICE_SPEC = String.join("\n",
      "package mlkata.grader.fake;",
      "",
      "import mlkata.exercises.fake.Twice;",
      "import org.junit.jupiter.api.Test;",
      "import static org.junit.jupiter.api.Assertions.assertEquals;",
      "",
      "@mlkata.grader.support.KataSpec",
      "public class TwiceSpec {",
      "  @Test void one() { assertEquals(2, Twice.twice(1)); }",
      "  @Test void two() { assertEquals(4, Twice.twice(2)); }",
      "  @Test void three() { assertEquals(6, Twice.twice(3)); }",
      "  @Test void four() { assertEquals(8, Twice.twice(4)); }",
      "  @org.junit.jupiter.api.Tag(\"efficiency\") @Test void ten_calls_are_quick() {",
      "    mlkata.grader.support.Efficiency.assertWithinRatio(\"ten calls of twice(0)\", () -> { },",
      "        () -> { for (int k = 0; k < 10; k++) { Twice.twice(0); } }, 20);",
      "  }",
      "}",
      "");

  final Kata twice = new Kata("fake", "twice", "Twice");
  final Path root;
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
  final Kata kata = new Kata("fake", "echo", "Echo");
  private final List<Path> classpath = new ArrayList<>();

  FakeRepo(Path root) throws IOException {
    this.root = root;
    write("grader/src/test/resources/mlkata/curriculum.txt", "# test curriculum\nfake/echo   Echo\nfake/missing  Not here\nfake/twice  Twice\n");
    write(kata.exercisePath(), STUB);
    write(kata.solutionPath(), SOLUTION);
    write(kata.specPath(), SPEC);
    write(kata.hintsPath(), HINTS);
    write(twice.exercisePath(), TWICE_STUB);
    write(twice.solutionPath(), TWICE_STUB.replace("mlkata.exercises", "mlkata.solutions"));
    write(twice.specPath(), TWICE_SPEC);
    write(twice.hintsPath(), HINTS);
    Path stubClasses = root.resolve("exercises/target/classes");
    Path specClasses = root.resolve("grader/target/test-classes");
    List<Path> test = testClasspath();
    compile(stubClasses, test, root.resolve(kata.exercisePath()));
    compile(stubClasses, test, root.resolve(twice.exercisePath()));
    List<Path> specCp = new ArrayList<>();
    specCp.add(stubClasses);
    specCp.addAll(test);
    compile(specClasses, specCp, root.resolve(kata.specPath()));
    compile(specClasses, specCp, root.resolve(twice.specPath()));
    classpath.add(stubClasses);
    classpath.add(specClasses);
    classpath.addAll(test);
  }

  /** The grader's classpath of this fixture: its classes, then this test run's classpath. */
  List<Path> classpath() {
    return List.copyOf(classpath);
  }

  /** The grading JVM's classpath: the fixture's classes, then this test run's classpath. */
  Env env(String stdin) {
    Env env = new Env(root, clock, new BufferedReader(new StringReader(stdin)), classpath, Duration.ofMillis(50));
    if (environment != null) {
      env.environment(environment);
    }
    return terminal == null ? env : env.terminal(terminal);
  }

  /** Set, the commands read their environment variables from this map instead of the real environment. */
  volatile java.util.Map<String, String> environment;

  /** Set, the commands behave as if their output were (true) or were not (false) a terminal. */
  volatile Boolean terminal;

  void write(String relative, String text) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  String read(String relative) throws IOException {
    return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
  }

  /**
   * A picture for {@code fake/echo} ({@code kata show echo}): echo(x) for x = 0..4, the learner's line over
   * the identity, compiled into the fixture's grader classes as the real pictures are.
   */
  static final String ECHO_PICTURE = String.join("\n",
      "package mlkata.grader.fake;",
      "",
      "import mlkata.grader.runner.Figure;",
      "",
      "public final class EchoPicture implements mlkata.grader.runner.KataPicture {",
      "  @Override public Figure draw() {",
      "    Figure f = new Figure(\"Echo\", \"x = 0, 1, 2, 3, 4\");",
      "    double[] x = {0, 1, 2, 3, 4};",
      "    double[] mine = new double[5];",
      "    boolean ok = true;",
      "    for (int i = 0; i < 5 && ok; i++) {",
      "      int v = i;",
      "      Integer r = f.learner(\"echo\", () -> mlkata.exercises.fake.Echo.echo(v));",
      "      ok = r != null;",
      "      mine[i] = ok ? r : 0;",
      "    }",
      "    Figure.Panel p = f.xy(\"echo(x)\", \"x\", \"echo(x)\", false);",
      "    p.line(\"reference\", Figure.REFERENCE, x, x.clone());",
      "    if (ok) {",
      "      p.line(\"yours\", Figure.LEARNER, x, mine);",
      "    }",
      "    p.note(\"The two lines coincide when echo returns its argument.\");",
      "    return f;",
      "  }",
      "  @Override public Figure drawFailing(String property, Object input) {",
      "    if (!(input instanceof Integer)) {",
      "      return null;",
      "    }",
      "    int v = (Integer) input;",
      "    Figure f = new Figure(\"Echo\", \"x = \" + v);",
      "    Integer r = f.learner(\"echo\", () -> mlkata.exercises.fake.Echo.echo(v));",
      "    Figure.Panel p = f.bars(\"echo(x)\", \"echo(x)\", new String[] {\"x = \" + v});",
      "    p.series(\"reference\", Figure.REFERENCE, new double[] {v});",
      "    if (r != null) {",
      "      p.series(\"yours\", Figure.LEARNER, new double[] {r});",
      "      if (r != v) {",
      "        f.error(\"echo(\" + v + \") = \" + r + \" where the reference returns \" + v);",
      "      }",
      "    }",
      "    return f;",
      "  }",
      "}",
      "");

  /** The fixture's echo spec with a property too: echo(x) = x for x in 0..1000, through Props.check. */
  static final String SPEC_WITH_PROPERTY = SPEC.replace("  @Test void echoes_two()",
      "  @Test void echoes_every_number() { mlkata.grader.support.Props.check(\"echo(x) = x\","
      + " org.quicktheories.generators.SourceDSL.integers().between(0, 1000), x -> assertEquals((int) x, Echo.echo(x),"
      + " \"echo(\" + x + \")\")); }\n  @Test void echoes_two()");

  /** Gives {@code fake/echo} the spec {@link #SPEC_WITH_PROPERTY}, compiled into the fixture. */
  void addEchoProperty() throws IOException {
    write(kata.specPath(), SPEC_WITH_PROPERTY);
    List<Path> cp = new ArrayList<>();
    cp.add(root.resolve("exercises/target/classes"));
    cp.addAll(testClasspath());
    compile(root.resolve("grader/target/test-classes"), cp, root.resolve(kata.specPath()));
  }

  /** Adds {@link #ECHO_PICTURE} to the fixture. */
  void addEchoPicture() throws IOException {
    String path = kata.specPath().replace("Spec.java", "Picture.java");
    write(path, ECHO_PICTURE);
    List<Path> cp = new ArrayList<>();
    cp.add(root.resolve("exercises/target/classes"));
    cp.addAll(testClasspath());
    compile(root.resolve("grader/target/test-classes"), cp, root.resolve(path));
  }

  /** Writes a learner version of Echo.echo with the given body. */
  void learner(String body) throws IOException {
    write(kata.exercisePath(), STUB.replace(
        "throw new UnsupportedOperationException(\"Not implemented yet: delete this line and implement Echo.echo\");", body));
  }

  /** Writes a learner version of Twice.twice with the given body. */
  void learnerTwice(String body) throws IOException {
    write(twice.exercisePath(), TWICE_STUB.replace(
        "throw new UnsupportedOperationException(\"Not implemented yet: delete this line and implement Twice.twice\");", body));
  }

  /** The outcome of one command. */
  record Run(int code, String out, String err) {}

  Run run(String... args) {
    return runWith("", args);
  }

  Run runWith(String stdin, String... args) {
    return runInto(new StringWriter(), new StringWriter(), stdin, args);
  }

  /** Runs with the given writers, so a test can read the output of a command still running. */
  Run runInto(StringWriter out, StringWriter err, String stdin, String... args) {
    CommandLine cl = Main.commandLine(env(stdin), args); // as the command's main method builds it
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static List<Path> testClasspath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    List<Path> out = new ArrayList<>();
    for (String e : cp.split(File.pathSeparator)) {
      if (!e.isBlank()) {
        out.add(Path.of(e));
      }
    }
    return out;
  }

  private static void compile(Path out, List<Path> cp, Path source) throws IOException {
    Files.createDirectories(out);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter log = new StringWriter();
    String joined = String.join(File.pathSeparator, cp.stream().map(Path::toString).toArray(String[]::new));
    boolean ok = javac.getTask(log, null, null, List.of("-d", out.toString(), "-cp", joined, "-proc:none"), null,
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source.toFile())).call();
    if (!ok) {
      throw new IllegalStateException("fixture does not compile: " + log);
    }
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
