package mlkata.grader.metrics;

import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BiConsumer;
import mlkata.grader.support.KataAssertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The input contract the ranking-metric katas share (scores and 0/1 labels, as in RocAuc and
 * AveragePrecision): lengths match, labels are 0 or 1, scores are finite, inputs stay untouched.
 * Each check takes the method under test by name and as a call.
 *
 * <p>The stubs promise a message naming {@code scores} or {@code labels}. Where the offending argument
 * is a matter of taste (lengths that differ, empty input) either name passes; a NaN score must name
 * {@code scores} and a label outside {0, 1} must name {@code labels}.
 */
final class ScoredInputChecks {
  private ScoredInputChecks() {}

  static void lengthsMustMatch(String method, BiConsumer<double[], int[]> call) {
    assertRejectsNamingScoresOrLabels(method + " with 3 scores and 2 labels",
        () -> call.accept(new double[] {0.1, 0.2, 0.3}, new int[] {0, 1}));
    assertRejectsNamingScoresOrLabels(method + " with 2 scores and 3 labels",
        () -> call.accept(new double[] {0.1, 0.2}, new int[] {0, 1, 1}));
  }

  static void emptyInputIsRejected(String method, BiConsumer<double[], int[]> call) {
    assertRejectsNamingScoresOrLabels(method + " of empty arrays", () -> call.accept(new double[0], new int[0]));
  }

  /**
   * {@code call} throws {@link IllegalArgumentException} whose message names {@code scores} or
   * {@code labels}, as the stubs' {@code @throws} promise for input where either argument is to blame.
   */
  static void assertRejectsNamingScoresOrLabels(String what, ThrowingCallable call) {
    KataAssertions.assertRejectsNamingAnyOf(what, call, "scores", "labels");
  }

  static void labelsMustBeZeroOrOne(String method, BiConsumer<double[], int[]> call) {
    assertRejects(method + " with label 2", "labels",
        () -> call.accept(new double[] {0.1, 0.2, 0.3}, new int[] {0, 1, 2}));
    assertRejects(method + " with label -1", "labels",
        () -> call.accept(new double[] {0.1, 0.2, 0.3}, new int[] {1, 1, -1}));
  }

  static void scoresMustBeFinite(String method, BiConsumer<double[], int[]> call) {
    assertRejects(method + " with a NaN score", "scores",
        () -> call.accept(new double[] {0.1, Double.NaN, 0.3}, new int[] {0, 1, 1}));
    assertRejects(method + " with an infinite score", "scores",
        () -> call.accept(new double[] {0.1, Double.POSITIVE_INFINITY}, new int[] {0, 1}));
    assertRejects(method + " with a -infinite score", "scores",
        () -> call.accept(new double[] {Double.NEGATIVE_INFINITY, 0.3}, new int[] {0, 1}));
  }

  static void inputsAreNotModified(String method, BiConsumer<double[], int[]> call) {
    double[] scores = {0.3, 0.1, 0.1, 0.9, 0.5};
    int[] labels = {1, 0, 1, 0, 1};
    double[] scoresCopy = scores.clone();
    int[] labelsCopy = labels.clone();
    call.accept(scores, labels);
    assertThat(scores).as("scores after %s", method).containsExactly(scoresCopy);
    assertThat(labels).as("labels after %s", method).containsExactly(labelsCopy);
  }
}
