package mlkata.exercises.regularization;

/**
 * <h2>Kata: L1, L2 and elastic-net penalties, soft-thresholding and weight decay</h2>
 *
 * <p>A regularized model minimizes {@code loss(w) + R(w)}. This kata writes the penalty {@code R}, its
 * (sub)gradient, the proximal step that handles the L1 part exactly, and one SGD step with weight decay.
 *
 * <p><b>The penalty.</b> The convention is scikit-learn's {@code ElasticNet} / {@code SGDRegressor}
 * ({@code penalty='elasticnet'}): with {@code alpha >= 0} the overall strength and
 * {@code l1Ratio} in {@code [0, 1]} the share of L1,
 * <pre>
 *   R(w) = alpha * ( l1Ratio * sum_i |w_i|  +  0.5 * (1 - l1Ratio) * sum_i w_i^2 )
 * </pre>
 * {@code l1Ratio = 1} is the lasso penalty {@code alpha * ||w||_1}; {@code l1Ratio = 0} is the ridge
 * penalty {@code 0.5 * alpha * ||w||_2^2} (mind the one half, which is part of scikit-learn's
 * convention). The L2 part is the squared norm, not the norm.
 *
 * <p><b>The gradient.</b> {@link #elasticNetGradient} returns {@code dR/dw}, one entry per weight. The
 * absolute value has no derivative at 0; any value in {@code [-1, 1]} is a valid subgradient of
 * {@code |w_i|} there. This kata pins the one {@code numpy.sign} and PyTorch's autograd use:
 * {@code sign(0) = 0}, so the L1 part contributes nothing at a coordinate that is exactly zero (and
 * {@code -0.0} counts as zero).
 *
 * <p><b>Soft-thresholding.</b> Subgradient steps never land exactly on zero, which is why lasso solvers
 * (scikit-learn's coordinate descent, ISTA, FTRL-Proximal) use the proximal operator of
 * {@code t * ||.||_1} instead:
 * <pre>
 *   softThreshold(v, t) = the w that minimizes  0.5 * ||v - w||_2^2 + t * ||w||_1
 * </pre>
 * It works entry by entry, and entries with {@code |v_i| <= t} (the boundary included) become exactly
 * 0. This is PyTorch's {@code F.softshrink(v, t)}. Finding the minimizer in closed form is part of the
 * kata.
 *
 * <p><b>Weight decay with SGD.</b> {@link #sgdStep} takes one plain SGD step (no momentum) with weight
 * decay {@code wd}, in one of two forms:
 * <ul>
 *   <li>coupled ({@code decoupled == false}, {@code torch.optim.SGD(weight_decay=wd)}): the L2 gradient
 *       is added to the loss gradient, {@code p' = p - lr * (g + wd * p)};
 *   <li>decoupled ({@code decoupled == true}, the AdamW form): the weight is shrunk first,
 *       {@code p = p * (1 - lr * wd)}, then {@code p' = p - lr * g}. Shrink before the gradient step,
 *       not after.
 * </ul>
 * For adaptive optimizers such as Adam the two forms differ (see the {@code optimizers/adam} kata);
 * how they compare for plain SGD is a good interview question.
 *
 * <p><b>Edge cases.</b> Empty vectors are allowed: the penalty is 0 and every returned array is
 * empty. {@code alpha = 0}, {@code t = 0}, {@code lr = 0} and {@code wd = 0} are allowed and change
 * nothing. {@code lr * wd > 1} is allowed (the decoupled factor then flips the sign of the weight;
 * that is the caller's problem, not an error).
 *
 * <p><b>Non-finite values.</b> A NaN or infinite entry in any vector, and a NaN or infinite
 * hyperparameter, is rejected with {@link IllegalArgumentException}, as are a negative {@code alpha},
 * {@code threshold}, {@code lr} or {@code weightDecay} and an {@code l1Ratio} outside {@code [0, 1]}.
 * Finite inputs whose squares overflow (beyond about 1e150) are outside the contract.
 *
 * <p><b>Complexity.</b> O(n) time for n weights; every returned array is new and the inputs are never
 * modified.
 *
 * <p>Example: {@code w = [3, -4, 0]}, {@code alpha = 0.5}, {@code l1Ratio = 0.25}:
 * {@code ||w||_1 = 7}, {@code ||w||^2 = 25}, so {@code R = 0.5 * (0.25 * 7 + 0.5 * 0.75 * 25) = 5.5625}
 * and the gradient is {@code [1.25, -1.625, 0]}.
 * {@code softThreshold([3, -0.5, 1], 1) = [2, 0, 0]}. {@code sgdStep([1, -2], [0.5, 0.5], 0.1, 0.5, ...)}
 * gives {@code [0.9, -1.95]} in both forms.
 */
public final class Penalties {
  private Penalties() {}

  /**
   * The elastic-net penalty {@code alpha * (l1Ratio * ||w||_1 + 0.5 * (1 - l1Ratio) * ||w||_2^2)}.
   *
   * @param w the weights, finite; not modified
   * @param alpha the overall strength, finite and {@code >= 0}
   * @param l1Ratio the share of the L1 part, in {@code [0, 1]}
   * @return the penalty, {@code >= 0} (0 for empty {@code w})
   * @throws NullPointerException if {@code w} is null
   * @throws IllegalArgumentException with a message naming {@code w} when an entry is not finite,
   *     {@code alpha} when it is negative or not finite, {@code l1Ratio} when it is outside
   *     {@code [0, 1]} or NaN
   */
  public static double elasticNet(double[] w, double alpha, double l1Ratio) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Penalties.elasticNet");
  }

  /**
   * The (sub)gradient of {@link #elasticNet} with respect to each weight, taking {@code sign(0) = 0} for
   * the L1 part.
   *
   * @param w the weights, finite; not modified
   * @param alpha the overall strength, finite and {@code >= 0}
   * @param l1Ratio the share of the L1 part, in {@code [0, 1]}
   * @return a new array of the length of {@code w}
   * @throws NullPointerException if {@code w} is null
   * @throws IllegalArgumentException as {@link #elasticNet}
   */
  public static double[] elasticNetGradient(double[] w, double alpha, double l1Ratio) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Penalties.elasticNetGradient");
  }

  /**
   * The proximal operator of {@code threshold * ||.||_1}: the {@code w} that minimizes
   * {@code 0.5 * ||v - w||_2^2 + threshold * ||w||_1}.
   *
   * @param v the point to shrink, finite; not modified
   * @param threshold how far every entry moves towards zero, finite and {@code >= 0}
   * @return a new array of the length of {@code v}; entries with {@code |v_i| <= threshold} are 0
   * @throws NullPointerException if {@code v} is null
   * @throws IllegalArgumentException with a message naming {@code v} when an entry is not finite, or
   *     {@code threshold} when it is negative or not finite
   */
  public static double[] softThreshold(double[] v, double threshold) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Penalties.softThreshold");
  }

  /**
   * One plain SGD step with weight decay, coupled ({@code p - lr * (g + wd * p)}) or decoupled
   * ({@code p * (1 - lr * wd)}, then {@code - lr * g}).
   *
   * @param params the current parameters, finite; not modified
   * @param grads the loss gradient at {@code params}, same length, finite; not modified
   * @param lr the learning rate, finite and {@code >= 0}
   * @param weightDecay the decay coefficient {@code wd}, finite and {@code >= 0}
   * @param decoupled true to shrink the weights directly (AdamW form), false to add {@code wd * p} to
   *     the gradient (torch SGD's {@code weight_decay})
   * @return the new parameters, a new array
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException with a message naming {@code grads} when its length differs from
   *     {@code params}'s or an entry is not finite, {@code params} when an entry is not finite,
   *     {@code lr} or {@code weightDecay} when negative or not finite
   */
  public static double[] sgdStep(double[] params, double[] grads, double lr, double weightDecay, boolean decoupled) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Penalties.sgdStep");
  }
}
