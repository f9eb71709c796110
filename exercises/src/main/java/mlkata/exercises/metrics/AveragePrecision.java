package mlkata.exercises.metrics;

/**
 * <h2>Kata: average precision (the area under the precision-recall curve, as a step sum)</h2>
 *
 * <p>A binary classifier gives every example a score; higher means "more likely positive". Lowering a
 * threshold {@code t} from the top score down, and predicting positive when {@code score >= t}, gives
 * at each threshold a precision {@code P = TP / (TP + FP)} (how many of the predicted positives are
 * real) and a recall {@code R = TP / (number of positive labels)} (how many of the real positives are
 * found).
 *
 * <p>The conventions are scikit-learn's {@code average_precision_score}:
 * <ul>
 *   <li>The thresholds are the distinct scores in descending order.
 *   <li>Average precision is the <b>step sum</b> {@code AP = sum_n (R_n - R_(n-1)) * P_n} over those
 *       thresholds, with {@code R_0 = 0}: each gain in recall is weighted by the precision at the
 *       threshold where it happens. It is <b>not</b> the trapezoid area under the precision-recall
 *       points (which is optimistic) and it does not interpolate precision (no running maximum as in
 *       the old PASCAL VOC metric).
 *   <li>Examples with equal scores cross a threshold together: a tied group counts as one threshold,
 *       its precision computed after the whole group. The result must not depend on the order of the
 *       examples.
 *   <li>Equivalently, AP is the mean, over the positive examples, of the precision at the threshold
 *       equal to that example's score.
 * </ul>
 *
 * <p><b>Undefined cases.</b> Without any positive label the recall divides by zero and AP is
 * undefined: this kata throws {@link IllegalArgumentException} (scikit-learn warns and returns a
 * meaningless number). Negatives are not needed: with only positives every precision is 1 and AP is 1.
 *
 * <p><b>Non-finite values.</b> A NaN or infinite score is rejected with
 * {@link IllegalArgumentException}; scores otherwise may be any finite doubles, negative or large.
 *
 * <p><b>Complexity.</b> Expected O(n log n) time and O(n) extra memory. The grader runs
 * 250,000 scores and fails an O(n^2) answer. Do not modify the input arrays.
 *
 * <p>Example: scores {@code [0.1, 0.4, 0.35, 0.8]}, labels {@code [0, 0, 1, 1]}. Thresholds
 * {@code 0.8, 0.4, 0.35, 0.1} give recall {@code 0.5, 0.5, 1, 1} and precision {@code 1, 1/2, 2/3, 1/2},
 * so {@code AP = 0.5 * 1 + 0 * 1/2 + 0.5 * 2/3 + 0 * 1/2 = 5/6}. (The trapezoid rule would give 19/24.)
 */
public final class AveragePrecision {
  private AveragePrecision() {}

  /**
   * Computes the average precision of a ranking, scikit-learn's step sum with tied scores grouped.
   *
   * @param scores one finite score per example, higher meaning more likely positive
   * @param labels one label per example, 1 for positive and 0 for negative
   * @return the average precision, in (0, 1]
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException with a message naming {@code scores} or {@code labels}: when
   *     their lengths differ, a score is NaN or infinite, a label is not 0 or 1, or no label is 1
   *     (this includes empty input)
   */
  public static double averagePrecision(double[] scores, int[] labels) {
    throw new UnsupportedOperationException(
        "Not implemented yet: delete this line and implement AveragePrecision.averagePrecision");
  }
}
