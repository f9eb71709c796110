package mlkata.grading;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One kata's outcome: its checks in the order they ran, or why none ran (a compile error, code the
 * sandbox refused, a crash). Statuses: {@code passing}, {@code failing}, {@code not started},
 * {@code compile error}, {@code not run}.
 */
public final class KataResult {
  public final Kata kata;
  final List<CheckResult> checks = new ArrayList<>();
  final List<String> compileErrors = new ArrayList<>();
  final List<String> refusals = new ArrayList<>();
  String crash;
  boolean finished;

  public KataResult(Kata kata) {
    this.kata = kata;
  }

  /** Every check with a result, in the order the grading JVM ran them. */
  public List<CheckResult> checks() {
    return List.copyOf(checks);
  }

  public List<String> compileErrors() {
    return List.copyOf(compileErrors);
  }

  /** Why the sandbox refused to run this kata's code (one line per use of a refused API), or empty. */
  public List<String> refusals() {
    return List.copyOf(refusals);
  }

  /** Why the grading JVM ended while this kata was graded, or null. */
  public String crash() {
    return crash;
  }

  public String status() {
    if (!compileErrors.isEmpty()) {
      return "compile error";
    }
    if (!refusals.isEmpty()) {
      return "failing";
    }
    if (gradedCount() == 0) {
      return crash != null ? "failing" : "not run";
    }
    if (failureCount() == 0 && crash == null) {
      if (notStartedCount() == 0) {
        return "passing";
      }
      if (passedCount() == 0) {
        return "not started";
      }
    }
    return "failing";
  }

  public long passedCount() {
    return count(CheckResult.PASSED);
  }

  public long notStartedCount() {
    return count(CheckResult.NOT_STARTED);
  }

  public long failureCount() {
    return checks.stream().filter(CheckResult::isFailure).count();
  }

  /** The checks that ran to a verdict: every check but the skipped ones. */
  public long gradedCount() {
    return checks.stream().filter(c -> !c.status().equals(CheckResult.SKIPPED)).count();
  }

  /**
   * The failing checks in teaching order: hand-worked examples first, then goldens, invalid input,
   * properties, reference agreement and speed; within a layer, in the order they ran.
   */
  public List<CheckResult> failures() {
    return checks.stream().filter(CheckResult::isFailure)
        .sorted(Comparator.comparingInt(CheckResult::layer)).collect(Collectors.toList());
  }

  /**
   * The stub methods still not started, such as {@code RocAuc.rocCurve}, from the not-started checks, in
   * name order (the order checks reach them in depends on how the run was scheduled).
   */
  public List<String> notStartedMethods() {
    return checks.stream().filter(c -> c.status().equals(CheckResult.NOT_STARTED) && c.message() != null)
        .flatMap(c -> NotStartedText.methods(c.message()).stream()).distinct().sorted().collect(Collectors.toList());
  }

  private long count(String status) {
    return checks.stream().filter(c -> c.status().equals(status)).count();
  }

  /**
   * Reads the method names out of the grader's "Not started: X.m still throws ..." message (or
   * "Not started: X.m, X.n still throw ..." for an untouched stub's check).
   */
  static final class NotStartedText {
    private NotStartedText() {}

    static List<String> methods(String message) {
      String m = message.strip();
      if (m.startsWith("Not started:")) {
        m = m.substring("Not started:".length()).strip();
      }
      int still = m.indexOf(" still ");
      if (still >= 0) {
        m = m.substring(0, still);
      } else if (m.indexOf(' ') >= 0) {
        m = m.substring(0, m.indexOf(' '));
      }
      return List.of(m.split(",\\s*"));
    }
  }
}
