package mlkata.grader.runner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import mlkata.grader.support.KataId;
import mlkata.grader.support.NotStarted;
import mlkata.grader.support.Target;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Collects every check's outcome per kata and, when the run ends, prints the one-screen scoreboard.
 * Registered with the JUnit Platform through {@code META-INF/services}, so every launcher uses it.
 *
 * <p>When the system property {@value #RESULTS_PROPERTY} names a file, the results are written there
 * instead, for {@link ScoreboardMain} to print as the very last thing Maven shows.
 */
public final class ScoreboardListener implements TestExecutionListener {
  /** The system property naming the results file. */
  public static final String RESULTS_PROPERTY = "kata.results";

  private final Map<KataId, Scoreboard.Tally> tallies = new ConcurrentHashMap<>();
  private final PrintStream out;

  public ScoreboardListener() {
    this(System.out);
  }

  ScoreboardListener(PrintStream out) {
    this.out = out;
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    KataId kata = kataOf(test);
    if (kata == null) {
      return;
    }
    boolean failed = result.getStatus() != TestExecutionResult.Status.SUCCESSFUL;
    if (!test.isTest() && !failed) {
      return; // a container that ran fine; its checks are counted one by one
    }
    Scoreboard.Tally tally = tallies.computeIfAbsent(kata, k -> new Scoreboard.Tally());
    Throwable cause = result.getThrowable().orElse(null);
    if (!failed) {
      tally.passed();
    } else if (cause != null && NotStarted.isStub(cause)) {
      tally.notStarted();
    } else {
      tally.failed(test.getDisplayName(), cause);
    }
  }

  /** Checks skipped because an earlier check of the kata timed out count as failing, not as absent. */
  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    KataId kata = kataOf(test);
    if (kata != null && reason != null && reason.contains("ran out of time")) {
      tallies.computeIfAbsent(kata, k -> new Scoreboard.Tally()).failed(test.getDisplayName(), new AssertionError(reason));
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    if (tallies.isEmpty()) {
      return;
    }
    String results = System.getProperty(RESULTS_PROPERTY, "").trim();
    if (!results.isEmpty()) {
      Scoreboard.write(Path.of(results), tallies);
      return;
    }
    out.println(Scoreboard.render(Target.current(), new LinkedHashMap<>(tallies)));
    out.flush();
  }

  /** The results so far, for callers that render them differently (the kata command). */
  public Map<KataId, Scoreboard.Tally> tallies() {
    return Map.copyOf(tallies);
  }

  /**
   * The kata a test or container belongs to (nested spec classes count for their outer spec), or null
   * when it is not part of a kata spec.
   */
  public static KataId kataOf(TestIdentifier test) {
    Optional<TestSource> source = test.getSource();
    if (source.isEmpty()) {
      return null;
    }
    String className;
    if (source.get() instanceof MethodSource) {
      className = ((MethodSource) source.get()).getClassName();
    } else if (source.get() instanceof ClassSource) {
      className = ((ClassSource) source.get()).getClassName();
    } else {
      return null;
    }
    int nested = className.indexOf('$');
    try {
      return KataId.ofSpecClass(nested < 0 ? className : className.substring(0, nested));
    } catch (IllegalArgumentException notAKataName) {
      return null;
    }
  }
}
