package mlkata.grading;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the code to grade comes from. The {@code kata} command compiles the learner's files itself into
 * {@code .kata/classes}; {@code ./mvnw test} grades what Maven compiled into
 * {@code exercises/target/classes}. Either way the grading JVM sees the grader first and the learner's
 * classes last, so a learner's class can never stand in for one of the grader's.
 */
public final class Workspace {
  public final Path root;
  final Path learnerClasses;
  final Path logs;
  final boolean compile;
  private final List<Path> graderClasspath;
  /** Whether graders of this workspace claim and leave spare grading JVMs ({@link Spares}). */
  final boolean spares;
  /** Whether an untouched stub's checks are reported without running their bodies ({@link UntouchedStubs}). */
  final boolean untouchedShortcut;

  private Workspace(Path root, Path learnerClasses, Path logs, boolean compile, List<Path> graderClasspath,
      boolean spares, boolean untouchedShortcut) {
    this.root = root.toAbsolutePath().normalize();
    this.learnerClasses = learnerClasses;
    this.logs = logs;
    this.compile = compile;
    this.graderClasspath = graderClasspath;
    this.spares = spares;
    this.untouchedShortcut = untouchedShortcut;
  }

  /**
   * This workspace, with spare grading JVMs ({@link Spares}) or without. The {@code kata} command uses
   * them unless the environment sets {@code KATA_SPARE=0}.
   */
  public Workspace withSpares(boolean on) {
    return new Workspace(root, learnerClasses, logs, compile, graderClasspath, on, untouchedShortcut);
  }

  /**
   * This workspace with the untouched-stub shortcut ({@link UntouchedStubs}) on (the default) or off: off,
   * every check of every kata runs its body, as the self-check does to keep the shortcut honest.
   */
  public Workspace withUntouchedShortcut(boolean on) {
    return new Workspace(root, learnerClasses, logs, compile, graderClasspath, spares, on);
  }

  /**
   * The {@code kata} command's workspace. {@code graderClasspath} is the grader's classpath for the
   * grading JVM, or null to read it from the build output ({@code grader/target/kata-classpath.txt}).
   */
  public static Workspace kataCommand(Path root, List<Path> graderClasspath) {
    Path r = root.toAbsolutePath().normalize();
    return new Workspace(r, r.resolve(".kata/classes"), r.resolve(".kata/logs"), true, graderClasspath, false,
        true);
  }

  /** The workspace of {@code ./mvnw test}: Maven has compiled the learner's code already. */
  public static Workspace maven(Path root) {
    return maven(root, null);
  }

  /** As {@link #maven(Path)}, with the grader's classpath given (null: read it from the build output). */
  public static Workspace maven(Path root, List<Path> graderClasspath) {
    Path r = root.toAbsolutePath().normalize();
    return new Workspace(r, r.resolve("exercises/target/classes"), r.resolve("grader/target/kata"), false,
        graderClasspath, false, true);
  }

  /** The learner's classes: the last entry of the grading JVM's classpath, and what the sandbox inspects. */
  public Path learnerClasses() {
    return learnerClasses;
  }

  /** The classes graded for {@code target}: the learner's, or for {@code solutions} the reference's. */
  Path gradedClasses(String target) {
    return target.equals("solutions") ? root.resolve("solutions/target/classes") : learnerClasses;
  }

  Path exerciseSources() {
    return root.resolve("exercises/src/main/java");
  }

  Path stamps() {
    return root.resolve(".kata/classes.stamps.json");
  }

  /** The grader (specs, bindings, reference, libraries), then the learner's classes. */
  List<Path> childClasspath() {
    // The JVM gives up on a classpath directory that does not exist when it first looks there, and the
    // grading JVM starts before the first compile creates it.
    createDirectories(learnerClasses);
    List<Path> cp = new ArrayList<>();
    for (Path p : graderClasspath != null ? graderClasspath : builtGraderClasspath()) {
      if (!isLearnerCode(p) && !cp.contains(p)) {
        cp.add(p);
      }
    }
    cp.add(learnerClasses);
    return cp;
  }

  /** The stubs as Maven built them: never on the grading JVM's classpath but as the learner's classes. */
  private boolean isLearnerCode(Path p) {
    String s = p.toAbsolutePath().normalize().toString().replace(File.separatorChar, '/');
    return s.contains("/exercises/target/") || s.equals(learnerClasses.toString().replace(File.separatorChar, '/'))
        || s.matches(".*/exercises-[^/]*\\.jar");
  }

  private List<Path> builtGraderClasspath() {
    List<Path> cp = new ArrayList<>();
    cp.add(root.resolve("grader/target/test-classes"));
    cp.add(root.resolve("grader/target/classes"));
    cp.add(root.resolve("solutions/target/classes"));
    Path deps = root.resolve("grader/target/kata-classpath.txt");
    String text;
    try {
      text = Files.readString(deps, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GradingException("the grader is not built (" + deps + " is missing): run ./kata, which builds it,"
          + " or ./mvnw -q test-compile");
    }
    for (String entry : text.strip().split(File.pathSeparator)) {
      if (!entry.isBlank() && !entry.contains("solutions" + File.separator + "target")) {
        cp.add(Path.of(entry));
      }
    }
    return cp;
  }

  static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }
}
