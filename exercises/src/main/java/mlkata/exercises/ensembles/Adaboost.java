package mlkata.exercises.ensembles;

/**
 * <h2>Kata: AdaBoost (SAMME), the sample weights and the learner weights</h2>
 *
 * <p>AdaBoost fits weak learners one after another. Each round trains a learner on the current sample
 * weights, measures its weighted error, gives it a vote {@code alpha}, and makes the samples it got
 * wrong heavier for the next round. This kata is the bookkeeping around the weak learner (any
 * classifier; the grader uses scikit-learn's decision trees): you receive its predictions on the
 * training samples and return what the boosting round does with them. Classes are labels
 * {@code 0 .. K-1} with {@code K >= 2}.
 *
 * <p>The semantics are scikit-learn 1.2's {@code AdaBoostClassifier(algorithm="SAMME")}
 * ({@code _boost_discrete} and {@code fit} in {@code sklearn/ensemble/_weight_boosting.py}), the
 * multi-class AdaBoost of Zhu et al. The <b>weighted error</b> ({@link #weightedError}) is
 * {@code err = sum of w_i over misclassified i / sum of all w_i}; the weights need not sum to one.
 * A round ({@link #boost}) has one of three outcomes, decided by that error:
 * <ul>
 *   <li><b>Perfect learner</b>: if {@code err <= 0}, the outcome is {@link Outcome#PERFECT},
 *       {@code error = 0}, {@code alpha = 1} (scikit-learn's fixed weight for a perfect learner,
 *       whatever the learning rate) and the weights come back unchanged (a copy). scikit-learn keeps
 *       the learner and stops boosting.
 *   <li><b>No better than chance</b>: if {@code err >= 1.0 - 1.0 / K} (computed exactly so, in
 *       double), the outcome is {@link Outcome#NO_BETTER_THAN_CHANCE}, {@code error = err},
 *       {@code alpha = 0} and the weights come back unchanged (a copy). scikit-learn drops this
 *       learner and stops (and raises an error if it was the first one). The grader tests an error of
 *       exactly {@code 1 - 1/K} only for K = 2 and K = 4, where that bound is exact in binary.
 *   <li><b>Otherwise</b> ({@link Outcome#BOOSTED}):
 *       {@code alpha = learningRate * (ln((1 - err) / err) + ln(K - 1))} (SAMME's learner weight; for
 *       K = 2 the {@code ln(K - 1)} term vanishes). Then every <em>misclassified</em> sample's weight
 *       is multiplied by {@code exp(alpha)}, correctly classified samples keep theirs, and the weights
 *       are divided by their new sum so they sum to one. A weight of 0 stays 0.
 * </ul>
 * This is not SAMME.R (scikit-learn's default in 1.2), which boosts with class probabilities and has
 * different formulas.
 *
 * <p><b>Final decision</b> ({@link #predict}): each sample gets the class {@code k} maximizing
 * {@code sum_m alpha_m * [prediction_m == k]}, the <em>smallest</em> such class on ties
 * ({@code np.argmax}; for K = 2 scikit-learn predicts class 1 only when its score is strictly larger,
 * the same rule).
 *
 * <p><b>Deliberate difference.</b> Before each round scikit-learn 1.2 raises positive weights below
 * machine epsilon to epsilon; this kata does not (the grader's cases never get that small). The loop
 * itself (training the learners, stopping) is the caller's: this kata is one round at a time.
 *
 * <p><b>Non-finite values.</b> Weights must be finite and non-negative with a positive sum;
 * {@code learningRate} finite and positive; alphas finite. Anything else is rejected with
 * {@link IllegalArgumentException}. Inputs for which {@code exp(alpha)} overflows are not graded.
 *
 * <p><b>Complexity.</b> {@code weightedError} and {@code boost} O(n); {@code predict} O(M n + n K)
 * for M learners, n samples and K classes. Do not modify the inputs.
 *
 * <p>Example: K = 3, weights {@code [1, 1, 1, 1]}, labels {@code [0, 1, 2, 2]}, predictions
 * {@code [0, 1, 2, 0]}, learning rate 1. One of four samples is wrong: {@code err = 1/4},
 * {@code alpha = ln 3 + ln 2 = ln 6}, the last weight becomes 6, and after dividing by 9 the weights are
 * {@code [1/9, 1/9, 1/9, 2/3]}.
 * {@code predict([[0, 1, 2], [1, 1, 0], [2, 0, 0]], [2, 1, 1], 3)} scores sample 2 as class 0: 2,
 * class 2: 2, a tie, so the result is {@code [0, 1, 0]}.
 */
public final class Adaboost {
  private Adaboost() {}

  /** What a boosting round decided. */
  public enum Outcome {
    /** The learner is better than chance and imperfect: it gets {@code alpha > 0}, weights updated. */
    BOOSTED,
    /** The learner made no weighted mistake: {@code alpha = 1}, weights unchanged; boosting stops. */
    PERFECT,
    /** {@code err >= 1 - 1/K}: the learner is discarded ({@code alpha = 0}), weights unchanged. */
    NO_BETTER_THAN_CHANCE
  }

  /**
   * One round's result: the outcome, the weighted error ({@code 0} when perfect), the learner's
   * weight {@code alpha} and the sample weights for the next round (normalized when boosted, a copy of
   * the input otherwise).
   */
  public record Round(Outcome outcome, double error, double alpha, double[] weights) {}

  /**
   * The weighted fraction of misclassified samples.
   *
   * @param weights one non-negative finite weight per sample, with a positive sum
   * @param labels the true class of each sample
   * @param predictions the learner's class for each sample (only equality with the label matters)
   * @return {@code sum(w_i where predictions[i] != labels[i]) / sum(w_i)}, in [0, 1]
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException with a message naming {@code weights} (empty, a negative or
   *     non-finite entry, a zero sum), {@code labels} or {@code predictions} (a length different from
   *     {@code weights})
   */
  public static double weightedError(double[] weights, int[] labels, int[] predictions) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Adaboost.weightedError");
  }

  /**
   * One SAMME boosting round, given the weak learner's predictions on the training samples.
   *
   * @param weights the sample weights the learner was trained with; non-negative, finite, positive
   *     sum (they need not sum to one)
   * @param labels the true class of each sample, in {@code 0 .. K-1}
   * @param predictions the learner's class for each sample, in {@code 0 .. K-1}
   * @param numClasses K, at least 2
   * @param learningRate the shrinkage of {@code alpha}, finite and positive (1 for plain SAMME)
   * @return the outcome, error, alpha and next weights as described in the class comment
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException with a message naming {@code weights}, {@code labels},
   *     {@code predictions} (wrong length, or a class outside {@code 0 .. K-1}), {@code numClasses}
   *     (below 2) or {@code learningRate} (not finite, or not positive)
   */
  public static Round boost(double[] weights, int[] labels, int[] predictions, int numClasses, double learningRate) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Adaboost.boost");
  }

  /**
   * The boosted ensemble's prediction: the class with the largest total alpha, smallest class on ties.
   *
   * @param predictions {@code predictions[m][i]}: learner {@code m}'s class for sample {@code i}, in
   *     {@code 0 .. K-1}; at least one learner, all with the same number of samples (possibly zero)
   * @param alphas one finite weight per learner
   * @param numClasses K, at least 2
   * @return a new array with the predicted class of every sample
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException with a message naming {@code predictions} (no learners, rows of
   *     different lengths, a class outside {@code 0 .. K-1}), {@code alphas} (wrong length, a
   *     non-finite entry) or {@code numClasses} (below 2)
   */
  public static int[] predict(int[][] predictions, double[] alphas, int numClasses) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Adaboost.predict");
  }
}
