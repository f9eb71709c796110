package mlkata.exercises.metrics;

/**
 * <h2>Kata: the ROC curve and the area under it (AUC), from scratch</h2>
 *
 * <p>A binary classifier gives every example a score; higher means "more likely positive". Pick a
 * threshold {@code t} and call an example positive when {@code score >= t}. Each threshold gives one
 * point of the ROC curve: the false-positive rate {@code FPR = FP / N} on the x axis and the
 * true-positive rate {@code TPR = TP / P} on the y axis, where {@code P} and {@code N} count the
 * positive and negative labels.
 *
 * <p>The conventions are scikit-learn's ({@code roc_curve(..., drop_intermediate=False)} and
 * {@code roc_auc_score}):
 * <ul>
 *   <li>The thresholds are the distinct scores in descending order, preceded by
 *       {@code +Infinity}, which gives the first point (0, 0). The last point is always (1, 1).
 *   <li>Examples with equal scores cross every threshold together, so a tied group of positives and
 *       negatives moves the curve along one diagonal segment, never a staircase.
 *   <li>The AUC is the trapezoid area under those points. Equivalently it is the probability that a
 *       random positive scores higher than a random negative, a tied pair counting one half
 *       (the Mann-Whitney U statistic divided by {@code P * N}).
 * </ul>
 *
 * <p><b>Undefined cases.</b> With only one class present the curve and the AUC are undefined.
 * scikit-learn's versions disagree on what to do (error, warning with NaN); this kata pins it: both
 * methods throw {@link IllegalArgumentException}. Returning NaN, 0.5 or dividing by zero is wrong.
 *
 * <p><b>Non-finite values.</b> A NaN or infinite score is rejected with
 * {@link IllegalArgumentException}; scores otherwise may be any finite doubles, negative or large.
 *
 * <p><b>Complexity.</b> Expected O(n log n) time and O(n) extra memory. The grader runs
 * 250,000 scores and fails an O(n^2) answer. Do not modify the input arrays.
 *
 * <p>Example: scores {@code [0.1, 0.4, 0.35, 0.8]}, labels {@code [0, 0, 1, 1]} give thresholds
 * {@code [inf, 0.8, 0.4, 0.35, 0.1]}, FPR {@code [0, 0, 0.5, 0.5, 1]}, TPR {@code [0, 0.5, 0.5, 1, 1]}
 * and AUC 0.75.
 */
public final class RocAuc {
  private RocAuc() {}

  /**
   * A ROC curve as three parallel arrays of equal length, one entry per point: {@code fpr[k]} and
   * {@code tpr[k]} are the rates when predicting positive for {@code score >= thresholds[k]}.
   * {@code thresholds[0]} is {@code +Infinity} and the thresholds strictly decrease.
   */
  public record Curve(double[] fpr, double[] tpr, double[] thresholds) {}

  /**
   * Computes the ROC curve at every distinct score.
   *
   * @param scores one finite score per example, higher meaning more likely positive
   * @param labels one label per example, 1 for positive and 0 for negative
   * @return the curve, from (0, 0) at threshold {@code +Infinity} to (1, 1) at the lowest score
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException with a message naming {@code scores} or {@code labels}: when
   *     their lengths differ, a score is NaN or infinite, a label is not 0 or 1, or only one class is
   *     present (this includes empty input)
   */
  public static Curve rocCurve(double[] scores, int[] labels) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement RocAuc.rocCurve");
  }

  /**
   * Computes the area under the ROC curve, tied scores counting one half.
   *
   * @param scores one finite score per example, higher meaning more likely positive
   * @param labels one label per example, 1 for positive and 0 for negative
   * @return the AUC, in [0, 1]
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException exactly as {@link #rocCurve(double[], int[])}
   */
  public static double auc(double[] scores, int[] labels) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement RocAuc.auc");
  }
}
