package mlkata.exercises.normalization;

/**
 * <h2>Kata: layer normalization, forward and backward, from scratch</h2>
 *
 * <p>Layer norm rescales every example on its own. The input {@code x} is a batch of {@code N} rows of
 * {@code D} features ({@code x[i][j]}: row {@code i}, feature {@code j}). For each row separately,
 * <pre>
 *   mean_i = (1/D) * sum_j x[i][j]
 *   var_i  = (1/D) * sum_j (x[i][j] - mean_i)^2          (biased: divide by D, not D - 1)
 *   rstd_i = 1 / sqrt(var_i + eps)                       (eps inside the square root)
 *   xhat[i][j] = (x[i][j] - mean_i) * rstd_i
 *   y[i][j]    = gamma[j] * xhat[i][j] + beta[j]
 * </pre>
 * {@code gamma} (scale) and {@code beta} (shift) hold one value per feature, shared by all rows. The
 * statistics come from the row alone: a row's output never depends on the other rows of the batch,
 * there are no running statistics, and training and evaluation compute the same thing. (Batch norm,
 * a different kata, normalizes each feature over the batch instead.)
 *
 * <p>The semantics are PyTorch's {@code torch.nn.functional.layer_norm(x, (D,), gamma, beta, eps)} /
 * {@code nn.LayerNorm(D)}, with the default {@code eps = 1e-5} ({@link #DEFAULT_EPS}).
 *
 * <p><b>Backward.</b> Given the upstream gradient {@code dy = dL/dy} (same shape as {@code y}) and the
 * cache saved by the forward pass, return {@code dL/dx}, {@code dL/dgamma} and {@code dL/dbeta}. The
 * parameter gradients sum over the rows of the batch. Treat {@code eps} as a constant. Derive the
 * input gradient yourself: the mean and the variance of a row both depend on every entry of that row,
 * so {@code dx[i][j]} is not simply {@code dy[i][j] * gamma[j] * rstd_i}.
 *
 * <p><b>The cache.</b> {@link Cache} is yours: put in it whatever your backward pass needs (the
 * suggested components are one option; change them freely, keeping the record's name). The grader only
 * hands the cache from {@code forward} back to {@code backward} and never looks inside. It must not
 * share arrays with the caller's inputs in a way that lets a later change to those inputs alter it.
 *
 * <p><b>Edge cases.</b>
 * <ul>
 *   <li>{@code D = 1}: every row equals its mean, so {@code xhat = 0}, {@code y[i] = beta}, and
 *       {@code dx} and {@code dgamma} are all zeros, as in PyTorch.
 *   <li>A constant row ({@code var = 0}) is legal: {@code eps} keeps {@code rstd} finite, {@code y} is
 *       {@code beta}, and {@code dx} is generally not zero.
 *   <li>{@code N = 0} (an empty batch, {@code x.length == 0}) is legal: {@code D} is then
 *       {@code gamma.length}; {@code y} and {@code dx} have no rows and {@code dgamma}, {@code dbeta}
 *       are zeros of length {@code D}.
 *   <li>Rows with a large mean and a small spread (say mean 1e4, standard deviation 1e-2) must keep
 *       their precision: the grader checks them with tight tolerances, and a variance formula that
 *       loses those digits fails.
 *   <li>{@code eps} must be positive. Deliberate difference: PyTorch accepts {@code eps = 0} (and then
 *       returns NaN for a constant row); this kata rejects it.
 * </ul>
 *
 * <p><b>Non-finite values.</b> A NaN or infinite entry in {@code x}, {@code gamma}, {@code beta} or
 * {@code dy}, or an {@code eps} that is NaN, infinite, zero or negative, is rejected with
 * {@link IllegalArgumentException}. Finite inputs so large that their squared deviations overflow
 * (beyond about 1e150) are outside the contract.
 *
 * <p><b>Complexity.</b> O(N * D) time and memory for each pass; a few sweeps over each row. Inputs are
 * never modified; every returned array is new.
 *
 * <p>Example: {@code x = [[1, 2, 3]]}, {@code gamma = [1, 1, 1]}, {@code beta = [0, 0, 0]},
 * {@code eps = 1e-5}: mean 2, var 2/3, rstd = 1/sqrt(2/3 + 1e-5), so
 * {@code y = [[-1.2247357, 0, 1.2247357]]}. With {@code dy = [[1, 1, 1]]} the gradient is
 * {@code dx = [[0, 0, 0]]} (adding a constant to a row does not change its output),
 * {@code dgamma = [-1.2247357, 0, 1.2247357]} and {@code dbeta = [1, 1, 1]}.
 */
public final class LayerNorm {
  /** PyTorch's default {@code eps}: {@code 1e-5}. */
  public static final double DEFAULT_EPS = 1e-5;

  private LayerNorm() {}

  /**
   * What the forward pass saves for the backward pass. The components are a suggestion: the row-wise
   * normalized input, each row's {@code 1/sqrt(var + eps)}, and a copy of {@code gamma}. Change them to
   * whatever your backward pass needs; the grader never reads them.
   */
  public record Cache(double[][] xhat, double[] rstd, double[] gamma) {}

  /** The output {@code y} (N rows of D values) and the cache for {@link #backward}. */
  public record Forward(double[][] y, Cache cache) {}

  /**
   * The gradients of the loss: {@code dx} with the shape of {@code x} (N by D), {@code dgamma} and
   * {@code dbeta} of length D.
   */
  public record Gradients(double[][] dx, double[] dgamma, double[] dbeta) {}

  /**
   * Layer-normalizes each row of {@code x} and applies the per-feature affine map.
   *
   * @param x the batch, N rows of D finite values each (N may be 0); not modified
   * @param gamma the per-feature scale, length D ≥ 1, finite; not modified
   * @param beta the per-feature shift, length D, finite; not modified
   * @param eps added to each row's variance inside the square root; finite and positive
   * @return {@code y} (N by D, new arrays) and the cache for {@link #backward}
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException with a message naming the argument: {@code gamma} when it is
   *     empty or holds a non-finite value, {@code beta} when its length differs from
   *     {@code gamma}'s or it holds a non-finite value, {@code x} when a row's length differs from
   *     {@code gamma}'s or a value is not finite, {@code eps} when it is not finite and positive
   */
  public static Forward forward(double[][] x, double[] gamma, double[] beta, double eps) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement LayerNorm.forward");
  }

  /**
   * Same as {@link #forward(double[][], double[], double[], double)} with {@code eps} =
   * {@link #DEFAULT_EPS}.
   *
   * @param x the batch, N rows of D finite values each (N may be 0); not modified
   * @param gamma the per-feature scale, length D ≥ 1, finite; not modified
   * @param beta the per-feature shift, length D, finite; not modified
   * @return {@code y} (N by D, new arrays) and the cache for {@link #backward}
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException as the four-argument {@code forward}
   */
  public static Forward forward(double[][] x, double[] gamma, double[] beta) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement LayerNorm.forward");
  }

  /**
   * Back-propagates {@code dy} through the forward pass that produced {@code cache}.
   *
   * @param dy the gradient of the loss with respect to {@code y}: N rows of D finite values, the
   *     shape of that forward pass's {@code y}; not modified
   * @param cache the cache returned by {@link #forward}
   * @return {@code dx} (N by D), {@code dgamma} and {@code dbeta} (length D), all new arrays
   * @throws NullPointerException if an argument or a row of {@code dy} is null
   * @throws IllegalArgumentException with a message naming {@code dy} when its number of rows or a
   *     row's length differs from the forward pass's {@code x}, or a value is not finite
   */
  public static Gradients backward(double[][] dy, Cache cache) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement LayerNorm.backward");
  }
}
