package mlkata.exercises.losses;

/**
 * <h2>Kata: softmax cross-entropy, forward and backward</h2>
 *
 * <p>A classifier outputs one row of {@code C} raw scores ("logits") per example: {@code logits[i][c]}
 * is the score of class {@code c} for example {@code i}, and {@code targets[i]} in {@code [0, C)} is the
 * true class of example {@code i}. The softmax turns a row into probabilities and the loss is the
 * negative log-probability of the true class. With the log-softmax
 * <pre>
 *   logp[i][c] = logits[i][c] - log( sum_k exp(logits[i][k]) )
 * </pre>
 * each example's loss, with per-class weights {@code w} and label smoothing {@code eps}, is
 * <pre>
 *   l_i = (1 - eps) * w[t_i] * (-logp[i][t_i])  +  (eps / C) * sum_c w[c] * (-logp[i][c])      (t_i = targets[i])
 * </pre>
 * Without smoothing ({@code eps = 0}) that is {@code w[t_i] * (-logp[i][t_i])}. Smoothing mixes the one-hot
 * target with the uniform distribution: the target becomes {@code 1 - eps + eps/C} on the true class and
 * {@code eps/C} elsewhere. Note where the weights go in the smoothing term: each class's log-probability
 * is scaled by <em>that class's</em> weight {@code w[c]}, not by the weight of the true class.
 *
 * <p><b>Reductions.</b> {@link #losses} returns the {@code N} values {@code l_i} (PyTorch's
 * {@code reduction='none'}). {@link #loss} reduces them:
 * <ul>
 *   <li>{@link Reduction#SUM}: {@code sum_i l_i}.
 *   <li>{@link Reduction#MEAN}: a <em>weighted</em> mean, {@code sum_i l_i / sum_i w[t_i]}: the
 *       denominator is the sum of the weights of the examples' true classes (so {@code N} when every
 *       weight is 1), not {@code N}. The same denominator divides the smoothing term too.
 * </ul>
 *
 * <p><b>Gradient.</b> {@link #gradient} returns the {@code N x C} matrix {@code dL/dlogits} of the
 * reduced loss {@code L = loss(..., reduction)}. Because example {@code i}'s loss depends only on row
 * {@code i}, the {@code SUM} gradient's row {@code i} is also the gradient of {@code l_i} alone (what you
 * would scale by an upstream gradient for {@code reduction='none'}). Deriving it, weights and smoothing
 * included, is part of the kata; the grader checks it against finite differences of {@link #loss}.
 *
 * <p>The semantics are PyTorch 1.13's {@code torch.nn.functional.cross_entropy(logits, targets,
 * weight=w, reduction=..., label_smoothing=eps)} with integer class targets. Pass a weight array of ones
 * for the unweighted loss. Deliberate differences, to keep the kata interview-sized: there is no
 * {@code ignore_index} (every target must be a valid class), targets are class indices only (no
 * probability targets), weights must be non-negative, and a negative {@code eps} is rejected (PyTorch
 * silently treats it as no smoothing).
 *
 * <p><b>Numerical stability.</b> Logits of magnitude {@code 1e4} (and large gaps between them) are
 * legal and must give finite, accurate losses and gradients, as PyTorch does. Note that
 * {@code exp(1000)} already overflows a double, so evaluating the log-sum-exp literally fails.
 *
 * <p><b>Edge cases.</b>
 * <ul>
 *   <li>{@code N = 0} (no rows) is legal; {@code C} is then {@code weight.length}. {@code losses} is
 *       empty, {@code SUM} is 0, the gradient has no rows, and {@code MEAN} is NaN (0/0, as in PyTorch).
 *   <li>Whenever the weights of the true classes sum to zero ({@code sum_i w[t_i] = 0}, which includes
 *       {@code N = 0}), {@code MEAN} returns NaN and its gradient is NaN in every entry, as in PyTorch.
 *       Do not return infinity here, even when the smoothing term's numerator is positive.
 *   <li>{@code C = 1}: the only class has probability 1, every loss and gradient entry is 0.
 *   <li>{@code eps = 1}: the target is uniform and the true class no longer matters.
 * </ul>
 *
 * <p><b>Non-finite values.</b> A NaN or infinite logit, a NaN, infinite or negative weight, and a
 * {@code labelSmoothing} that is NaN or outside {@code [0, 1]} are rejected with
 * {@link IllegalArgumentException}. The only non-finite results are the NaNs of {@code MEAN} described
 * above.
 *
 * <p><b>Complexity.</b> O(N * C) time for each method, O(1) extra memory besides the result. Inputs are
 * never modified; every returned array is new.
 *
 * <p>Example: {@code logits = [[1, 2, 3], [0, 0, 0]]}, {@code targets = [2, 0]}, weights {@code [1, 1, 1]},
 * no smoothing: {@code l_0 = log(e + e^2 + e^3) - 3 = log(1 + e^-1 + e^-2) = 0.4076060},
 * {@code l_1 = log 3 = 1.0986123}; {@code SUM = 1.5062183}, {@code MEAN = 0.7531091}. The {@code MEAN}
 * gradient is {@code [[0.0450153, 0.1223642, -0.1673795], [-1/3, 1/6, 1/6]]}; the {@code SUM} gradient
 * is twice that.
 */
public final class CrossEntropy {
  private CrossEntropy() {}

  /** How {@link #loss} and {@link #gradient} reduce the per-example losses. */
  public enum Reduction {
    /** The weighted mean: {@code sum_i l_i / sum_i w[t_i]}. */
    MEAN,
    /** The plain sum {@code sum_i l_i}. */
    SUM
  }

  /**
   * The per-example losses {@code l_i} (PyTorch's {@code reduction='none'}).
   *
   * @param logits N rows of C finite scores (N may be 0); not modified
   * @param targets the true class of each row, N values in {@code [0, C)}; not modified
   * @param weight the per-class weights, C ≥ 1 finite non-negative values (ones for no weighting);
   *     not modified
   * @param labelSmoothing the smoothing {@code eps} in {@code [0, 1]}; 0 for none
   * @return a new array of the N losses, each ≥ 0
   * @throws NullPointerException if an argument or a row of {@code logits} is null
   * @throws IllegalArgumentException with a message naming the argument: {@code weight} when it is
   *     empty or holds a NaN, infinite or negative value; {@code logits} when a row's length differs from
   *     {@code weight}'s or a value is not finite; {@code targets} when its length differs from the number
   *     of rows or a target is outside {@code [0, C)}; {@code labelSmoothing} when it is NaN or outside
   *     {@code [0, 1]}
   */
  public static double[] losses(double[][] logits, int[] targets, double[] weight, double labelSmoothing) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement CrossEntropy.losses");
  }

  /**
   * The reduced loss: the sum of the per-example losses, or their weighted mean.
   *
   * @param logits N rows of C finite scores (N may be 0); not modified
   * @param targets the true class of each row, N values in {@code [0, C)}; not modified
   * @param weight the per-class weights, C ≥ 1 finite non-negative values (ones for no weighting);
   *     not modified
   * @param labelSmoothing the smoothing {@code eps} in {@code [0, 1]}; 0 for none
   * @param reduction {@link Reduction#MEAN} or {@link Reduction#SUM}
   * @return the loss; NaN for {@code MEAN} when {@code sum_i w[t_i] = 0}
   * @throws NullPointerException if an argument or a row of {@code logits} is null
   * @throws IllegalArgumentException as {@link #losses}
   */
  public static double loss(double[][] logits, int[] targets, double[] weight, double labelSmoothing,
      Reduction reduction) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement CrossEntropy.loss");
  }

  /**
   * The gradient of {@link #loss} with respect to the logits.
   *
   * @param logits N rows of C finite scores (N may be 0); not modified
   * @param targets the true class of each row, N values in {@code [0, C)}; not modified
   * @param weight the per-class weights, C ≥ 1 finite non-negative values (ones for no weighting);
   *     not modified
   * @param labelSmoothing the smoothing {@code eps} in {@code [0, 1]}; 0 for none
   * @param reduction {@link Reduction#MEAN} or {@link Reduction#SUM}
   * @return a new N x C matrix {@code dL/dlogits}; all NaN for {@code MEAN} when {@code sum_i w[t_i] = 0}
   * @throws NullPointerException if an argument or a row of {@code logits} is null
   * @throws IllegalArgumentException as {@link #losses}
   */
  public static double[][] gradient(double[][] logits, int[] targets, double[] weight, double labelSmoothing,
      Reduction reduction) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement CrossEntropy.gradient");
  }
}
