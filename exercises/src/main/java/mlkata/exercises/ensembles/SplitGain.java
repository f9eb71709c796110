package mlkata.exercises.ensembles;

/**
 * <h2>Kata: gradient-boosting split gain, the way XGBoost finds a split</h2>
 *
 * <p>A boosted tree is fitted to the first and second derivatives of the loss at the current
 * predictions. Every sample {@code i} brings a gradient {@code g_i} and a hessian {@code h_i}; a node
 * holding the samples {@code I} has sums {@code G = sum g_i} and {@code H = sum h_i}. Expanding the
 * loss to second order around the current margin, a leaf with weight {@code w} adds
 * {@code G w + (H + lambda) w^2 / 2 + alpha |w|} to the objective. This kata builds the pieces of
 * XGBoost's exact greedy split search ({@code tree_method='exact'}) on a single feature.
 *
 * <p><b>Gradients</b> ({@link #gradients}). The margin is the raw model output before any link
 * function; {@code g} and {@code h} are the first and second derivatives of the per-sample loss with
 * respect to the margin {@code m}. The losses: squared error (XGBoost {@code reg:squarederror}, loss
 * {@code (m - y)^2 / 2}) and logistic (XGBoost {@code binary:logistic}, loss
 * {@code -y log p - (1 - y) log(1 - p)} with {@code p = 1 / (1 + exp(-m))}). One convention is
 * XGBoost's: the logistic hessian is floored at {@code 1e-16}, so a saturated sample keeps a tiny
 * positive hessian. Logistic labels may be any value in [0, 1].
 *
 * <p><b>Leaf weight</b> ({@link #leafWeight}). The optimal weight {@code w*} of a leaf is the
 * {@code w} that minimizes its objective {@code G w + (H + lambda) w^2 / 2 + alpha |w|}; call the
 * minimum value {@code obj*(G, H)}. Finding both in closed form is part of the kata. A node whose
 * hessian sum is exactly 0 gets weight 0 and {@code obj* = 0}, whatever {@code lambda} (XGBoost's
 * convention). This method does not look at {@code minChildWeight} (XGBoost's
 * {@code CalcWeight} also returns 0 below it; the children of a valid split never are). No learning
 * rate here: XGBoost multiplies leaf weights by {@code eta}, think of {@code eta = 1}.
 *
 * <p><b>Gain</b> ({@link #gain}). This kata reports XGBoost's {@code loss_chg}, the value its model
 * dump prints as {@code gain}: <em>twice</em> the decrease of the minimized objective when the parent
 * leaf is replaced by the two children,
 * {@code 2 * (obj*(G_L + G_R, H_L + H_R) - obj*(G_L, H_L) - obj*(G_R, H_R))}. The parent is a leaf
 * with its own {@code lambda} and {@code alpha} like each child. The XGBoost paper's gain is
 * {@code loss_chg / 2 - gamma}: half of this, minus the price of the extra leaf. XGBoost's code
 * does not halve and does not subtract gamma; it keeps a split when
 * {@code loss_chg >= gamma}, so XGBoost's {@code gamma = c} acts like the paper's {@code gamma = c/2}
 * (and the paper's rule is strict where the code's is not). The gain can be negative (with
 * {@code lambda > 0}, with {@code alpha > 0}, or with a child whose hessian sum is 0); return it as
 * computed. {@code gain} ignores {@code gamma} and {@code minChildWeight}.
 *
 * <p><b>Best split</b> ({@link #bestSplit}), XGBoost's exact method on one dense feature:
 * <ul>
 *   <li>Candidates are the midpoints of adjacent distinct feature values {@code a < b}, computed
 *       as {@code (a + b) / 2} in double arithmetic; equal values are never separated. If {@code a}
 *       and {@code b} are adjacent doubles, so that the midpoint rounds down to {@code a}, the
 *       threshold is {@code b} instead (XGBoost does the same in float32).
 *   <li>A sample goes left iff {@code x < threshold} (strict), otherwise right.
 *   <li>A candidate is valid iff both children have hessian sums {@code >= minChildWeight}.
 *   <li>The best valid candidate has the largest gain. Ties between exactly equal gains go to the
 *       <em>largest</em> threshold: XGBoost enumerates a dense feature from its largest value down and
 *       replaces the best only on a strictly larger gain.
 *   <li>The split is made ({@code found == true}) iff a valid candidate exists, its gain is
 *       {@code > 1e-6} (XGBoost's {@code kRtEps}) and its gain is {@code >= gamma}. Then
 *       {@code leftWeight}/{@code rightWeight} are the children's {@link #leafWeight}s.
 *   <li>Otherwise {@code found == false}, {@code threshold} is NaN, {@code gain} is 0 and both weights
 *       are the weight of the whole node (0 for empty input): the tree stays a single leaf.
 * </ul>
 * XGBoost itself stores features and thresholds as float32 and gradient pairs as float32; this kata
 * works in double throughout (the grader's XGBoost fixtures use values exact in float32).
 *
 * <p><b>Prediction</b> ({@link #predict}): the depth-1 tree's output, {@code leftWeight} when
 * {@code x < threshold} and {@code rightWeight} otherwise (with a NaN threshold, every sample is
 * "not less", which gives the node weight).
 *
 * <p><b>Non-finite values.</b> NaN or infinite margins, labels, features, gradients, hessians, sums
 * or parameters are rejected with {@link IllegalArgumentException}, as are negative hessians and
 * negative parameters. XGBoost's missing-value handling is not part of this kata.
 *
 * <p><b>Complexity.</b> {@code bestSplit} must be O(n log n) time and O(n) extra memory. An O(n^2)
 * search (each threshold evaluated against all samples) fails the grader's 200,000-sample check. Do
 * not modify the input arrays.
 *
 * <p>Example: feature {@code [1, 2, 3, 4]}, squared error with margins 0 and labels
 * {@code [2, -1, -1, 2]}, so {@code g = [-2, 1, 1, -2]}, {@code h = [1, 1, 1, 1]}; lambda 1, alpha 0,
 * gamma 0, minChildWeight 1. The node: {@code G = -2}, {@code H = 4}, {@code obj* = -0.4}, weight
 * {@code 0.4}. Threshold 1.5: left {@code (G, H) = (-2, 1)}, right {@code (0, 3)}, gain {@code 1.2};
 * threshold 2.5: left {@code (-1, 2)}, right {@code (-1, 2)}, gain {@code 2/3 - 4/5 < 0}; threshold
 * 3.5: left {@code (0, 3)}, right {@code (-2, 1)}, gain {@code 1.2}. The tie goes to 3.5:
 * {@code Split(true, 3.5, 1.2, 0.0, 1.0)}.
 */
public final class SplitGain {
  private SplitGain() {}

  /** The two losses, as XGBoost's {@code reg:squarederror} and {@code binary:logistic}. */
  public enum Loss {
    SQUARED_ERROR,
    LOGISTIC
  }

  /**
   * Regularization and split constraints (XGBoost's {@code reg_lambda}, {@code reg_alpha},
   * {@code gamma} a.k.a. {@code min_split_loss}, {@code min_child_weight}); each must be finite and
   * {@code >= 0}. The methods validate them, not this record.
   */
  public record Params(double lambda, double alpha, double gamma, double minChildWeight) {}

  /** Per-sample first ({@code grad}) and second ({@code hess}) derivatives of the loss in the margin. */
  public record GradHess(double[] grad, double[] hess) {}

  /**
   * The outcome of a split search. When {@code found}, samples with {@code x < threshold} get
   * {@code leftWeight} and the others {@code rightWeight}, and {@code gain} is the loss change. When
   * not, {@code threshold} is NaN, {@code gain} is 0 and both weights are the unsplit node's weight.
   */
  public record Split(boolean found, double threshold, double gain, double leftWeight, double rightWeight) {}

  /**
   * Computes the gradient and hessian of the loss for every sample.
   *
   * @param loss which loss
   * @param margin the current raw predictions, one per sample
   * @param labels the targets, one per sample (in [0, 1] for {@link Loss#LOGISTIC})
   * @return new arrays {@code grad} and {@code hess}, as long as the inputs
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException with a message naming {@code margin} or {@code labels}: lengths
   *     differ, a value is not finite, or a logistic label lies outside [0, 1]
   */
  public static GradHess gradients(Loss loss, double[] margin, double[] labels) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement SplitGain.gradients");
  }

  /**
   * The optimal weight of a leaf, or 0 when {@code sumHess == 0}.
   *
   * @param sumGrad the leaf's gradient sum {@code G}
   * @param sumHess the leaf's hessian sum {@code H}, {@code >= 0}
   * @param params lambda and alpha are used; gamma and minChildWeight are only validated
   * @return the weight that minimizes {@code G w + (H + lambda) w^2 / 2 + alpha |w|}
   * @throws NullPointerException if {@code params} is null
   * @throws IllegalArgumentException naming {@code sumGrad}, {@code sumHess} or the parameter
   *     ({@code lambda}, {@code alpha}, {@code gamma}, {@code minChildWeight}) that is not finite or
   *     is negative
   */
  public static double leafWeight(double sumGrad, double sumHess, Params params) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement SplitGain.leafWeight");
  }

  /**
   * XGBoost's loss change of splitting a node into the given children: twice the decrease of the
   * minimized leaf objective (see the class documentation). No 1/2, no gamma, no minChildWeight check.
   *
   * @param gradLeft the left child's gradient sum
   * @param hessLeft the left child's hessian sum, {@code >= 0}
   * @param gradRight the right child's gradient sum
   * @param hessRight the right child's hessian sum, {@code >= 0}
   * @param params lambda and alpha are used; gamma and minChildWeight are only validated
   * @return the loss change; it may be negative (see the class documentation)
   * @throws NullPointerException if {@code params} is null
   * @throws IllegalArgumentException naming the sum ({@code gradLeft}, {@code hessLeft},
   *     {@code gradRight}, {@code hessRight}) or parameter that is not finite or is negative
   */
  public static double gain(double gradLeft, double hessLeft, double gradRight, double hessRight, Params params) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement SplitGain.gain");
  }

  /**
   * Finds the best split of one node on one feature with XGBoost's exact method.
   *
   * @param feature the feature value of every sample in the node
   * @param grad the gradient of every sample
   * @param hess the hessian of every sample, each {@code >= 0}
   * @param params all four are used
   * @return the best split, or a {@code found == false} result (see the class documentation)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException naming {@code grad} or {@code hess} when its length differs from
   *     {@code feature}'s; naming {@code feature}, {@code grad} or {@code hess} for a non-finite value
   *     or a negative hessian; naming the parameter that is not finite or is negative
   */
  public static Split bestSplit(double[] feature, double[] grad, double[] hess, Params params) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement SplitGain.bestSplit");
  }

  /**
   * Applies the depth-1 tree: {@code x < threshold ? leftWeight : rightWeight} for every sample.
   *
   * @param split a split, as returned by {@link #bestSplit} or built by hand
   * @param feature the feature values to route
   * @return a new array with one weight per value
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException naming {@code feature} when a value is not finite
   */
  public static double[] predict(Split split, double[] feature) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement SplitGain.predict");
  }
}
