package mlkata.grader.runner;

import java.io.PrintStream;
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
 * Collects every check's outcome per kata and prints the one-screen scoreboard when the run ends.
 * Registered with the JUnit Platform through {@code META-INF/services}, so Maven and the {@code kata}
 * command both print it.
 */
public final class ScoreboardListener implements TestExecutionListener {
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
    out.println(Scoreboard.render(Target.current(), new LinkedHashMap<>(tallies)));
    out.flush();
  }

  /** The results so far, for callers that render them differently (the kata command). */
  public Map<KataId, Scoreboard.Tally> tallies() {
    return Map.copyOf(tallies);
  }

  private static KataId kataOf(TestIdentifier test) {
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
    return KataId.ofSpecClass(nested < 0 ? className : className.substring(0, nested));
  }
}
