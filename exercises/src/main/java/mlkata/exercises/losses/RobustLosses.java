package mlkata.exercises.losses;

/**
 * <h2>Kata: hinge, Huber and smooth L1 losses with their gradients</h2>
 *
 * <p>Three losses that grow only linearly for large errors, each returned as the mean over the batch
 * together with its gradient with respect to the model's outputs. Only the mean is offered: the sum is
 * {@code N} times it, and the per-element losses are the terms inside the mean.
 *
 * <p><b>Binary hinge</b> ({@link #hinge}): scores {@code s_i} (any real number, positive means class
 * +1) and labels {@code y_i} in {@code {-1, +1}} (not {0, 1}).
 * <pre>
 *   loss = (1/N) * sum_i max(0, 1 - y_i * s_i)
 * </pre>
 * The hinge has a kink at a margin {@code y_i * s_i} of exactly 1, where any value between
 * {@code -y_i/N} and 0 is a valid subgradient with respect to {@code s_i}. This kata pins
 * {@code -y_i/N} there (the kink counts as inside the margin, on the sloped branch), as
 * PyTorch's autograd gives for {@code torch.clamp(1 - y * s, min=0).mean()} and as scikit-learn's SGD
 * hinge loss does ({@code z <= threshold}). (Writing the same loss with {@code relu} would give 0
 * at the kink in PyTorch; that is not what the grader expects.) PyTorch has no binary hinge loss; the
 * value matches scikit-learn's {@code sklearn.metrics.hinge_loss(y, s)} for labels -1/+1. One
 * difference: when every label is the same, scikit-learn relabels that single class as -1, while
 * this kata takes the labels as given.
 *
 * <p><b>Huber</b> ({@link #huber}), PyTorch's {@code torch.nn.HuberLoss(delta=delta)} /
 * {@code F.huber_loss} with the default mean reduction: with residuals {@code r_i = p_i - t_i},
 * <pre>
 *   huber(r)  = 0.5 * r^2                    if |r| &lt; delta
 *             = delta * (|r| - 0.5 * delta)   otherwise
 *   loss = (1/N) * sum_i huber(r_i)
 * </pre>
 *
 * <p><b>Smooth L1</b> ({@link #smoothL1}), PyTorch's {@code torch.nn.SmoothL1Loss(beta=beta)} /
 * {@code F.smooth_l1_loss} with the mean reduction:
 * <pre>
 *   smoothL1(r) = 0.5 * r^2 / beta    if |r| &lt; beta
 *               = |r| - 0.5 * beta     otherwise
 *   loss = (1/N) * sum_i smoothL1(r_i)
 * </pre>
 * The two are easy to confuse: with the same threshold they are different functions, and they
 * coincide only at a threshold of 1. The gradients returned are with respect to the predictions
 * {@code p_i}; deriving them is part of the kata. Both losses are continuously differentiable, so the
 * gradient at {@code |r| = delta} (or {@code beta}) is unambiguous. At {@code r = 0} the gradient is 0.
 *
 * <p><b>Edge cases.</b>
 * <ul>
 *   <li>An empty batch is rejected. Deliberate difference: PyTorch returns NaN for the mean of no
 *       elements.
 *   <li>{@code delta} and {@code beta} must be positive. PyTorch also rejects {@code delta <= 0};
 *       deliberate difference: PyTorch accepts {@code beta = 0} (plain L1); this kata rejects it.
 *   <li>A single element is fine: the mean is that element's loss and the gradient is not divided
 *       by anything but 1.
 * </ul>
 *
 * <p><b>Non-finite values.</b> A NaN or infinite score, prediction or target, or a {@code delta} or
 * {@code beta} that is NaN or infinite, is rejected with {@link IllegalArgumentException}. Finite
 * values so large that {@code p - t} overflows (beyond about 1e307) are outside the contract.
 *
 * <p><b>Complexity.</b> O(N) time, one pass; O(N) memory for the gradient. Inputs are never modified;
 * every returned array is new.
 *
 * <p>Example: {@code hinge([2, 0.5, -0.5, 1], [1, 1, 1, -1])}: margins 2, 0.5, -0.5, -1, per-element
 * losses 0, 0.5, 1.5, 2, loss 1, gradient {@code [0, -0.25, -0.25, 0.25]}.
 * {@code huber([0, 1, -3, 2, 5], [0, 0, 0, 4, 4.5], 2)}: residuals 0, 1, -3, -2, 0.5, per-element
 * losses 0, 0.5, 4, 2, 0.125, loss 1.325, gradient {@code [0, 0.2, -0.4, -0.4, 0.1]}.
 * {@code smoothL1} of the same with {@code beta = 2}: loss 0.6625, gradient
 * {@code [0, 0.1, -0.2, -0.2, 0.05]}.
 */
public final class RobustLosses {
  private RobustLosses() {}

  /**
   * The mean loss over the batch and its gradient with respect to each score or prediction (same
   * length as the input).
   */
  public record LossAndGradient(double loss, double[] gradient) {}

  /**
   * The mean binary hinge loss {@code max(0, 1 - y*s)} and its (sub)gradient with respect to the scores.
   *
   * @param scores the real-valued scores, N ≥ 1 finite values; not modified
   * @param labels the labels, -1 or +1, same length as {@code scores}; not modified
   * @return the mean loss and the gradient (length N, new array)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException with a message naming the argument: {@code scores} when it is
   *     empty or holds a non-finite value, {@code labels} when its length differs from
   *     {@code scores}' or a label is neither -1 nor +1
   */
  public static LossAndGradient hinge(double[] scores, int[] labels) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement RobustLosses.hinge");
  }

  /**
   * The mean Huber loss of the residuals {@code predictions - targets} and its gradient with respect to
   * the predictions, PyTorch's {@code HuberLoss(delta)}.
   *
   * @param predictions the predictions, N ≥ 1 finite values; not modified
   * @param targets the targets, same length, finite; not modified
   * @param delta where the loss turns from quadratic to linear; finite and positive
   * @return the mean loss and the gradient (length N, new array)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException with a message naming the argument: {@code predictions} when it
   *     is empty or holds a non-finite value, {@code targets} when its length differs or it holds a
   *     non-finite value, {@code delta} when it is not finite and positive
   */
  public static LossAndGradient huber(double[] predictions, double[] targets, double delta) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement RobustLosses.huber");
  }

  /**
   * The mean smooth L1 loss of the residuals {@code predictions - targets} and its gradient with
   * respect to the predictions, PyTorch's {@code SmoothL1Loss(beta)}.
   *
   * @param predictions the predictions, N ≥ 1 finite values; not modified
   * @param targets the targets, same length, finite; not modified
   * @param beta where the loss turns from quadratic to linear; finite and positive
   * @return the mean loss and the gradient (length N, new array)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException with a message naming the argument: {@code predictions} when it
   *     is empty or holds a non-finite value, {@code targets} when its length differs or it holds a
   *     non-finite value, {@code beta} when it is not finite and positive
   */
  public static LossAndGradient smoothL1(double[] predictions, double[] targets, double beta) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement RobustLosses.smoothL1");
  }
}
