package mlkata.exercises.normalization;

/**
 * <h2>Kata: batch normalization, forward (training and eval) and backward, from scratch</h2>
 *
 * <p>Batch normalization standardizes every channel with statistics taken across the batch, then
 * applies a learned per-channel scale {@code gamma} and shift {@code beta}. It behaves differently
 * in training (statistics of the current batch, and the running estimates are updated) and in
 * evaluation (the running estimates stand in for the batch statistics).
 *
 * <p><b>Layout.</b> Every activation array has shape {@code [N][C][S]}: {@code N} samples,
 * {@code C} channels, {@code S} spatial positions per channel. A fully connected input of shape
 * {@code (N, C)} is {@code S = 1}; an image batch {@code (N, C, H, W)} is flattened to
 * {@code S = H * W} in row-major order (the order does not matter to batch norm). {@code x[n][c][s]}
 * is sample {@code n}, channel {@code c}, position {@code s}. Per-channel arrays ({@code gamma},
 * {@code beta}, running statistics, gradients of the parameters) have length {@code C}.
 *
 * <p><b>Training forward</b> (PyTorch's {@code nn.BatchNorm1d/2d} in training mode, i.e.
 * {@code torch.nn.functional.batch_norm(..., training=True)}). For each channel {@code c}, over the
 * {@code m = N * S} values {@code x[*][c][*]}:
 * <pre>
 *   mean = sum(x) / m
 *   var  = sum((x - mean)^2) / m                      (biased: divide by m)
 *   xhat = (x - mean) / sqrt(var + eps)               (eps inside the square root)
 *   y    = gamma[c] * xhat + beta[c]
 *   newRunningMean[c] = (1 - momentum) * runningMean[c] + momentum * mean
 *   newRunningVar[c]  = (1 - momentum) * runningVar[c]  + momentum * var * m / (m - 1)
 * </pre>
 * Note the two different variances: the batch is normalized with the <i>biased</i> variance, but the
 * running estimate receives the <i>unbiased</i> one (divided by {@code m - 1}), exactly as PyTorch
 * does. {@code momentum} weights the <i>new</i> batch statistic (PyTorch's convention; its default is
 * 0.1 and the default {@code eps} is 1e-5). Keras's {@code momentum=0.99} weights the old value instead;
 * this kata follows PyTorch. PyTorch's cumulative average ({@code momentum=None}) is not part of it.
 *
 * <p><b>Precision.</b> The grader includes channels whose values sit far from zero compared with
 * their spread (values near 10^4 with a spread of 1, near 50 with a spread of 0.01) and checks them
 * with tolerances near 1e-10, as PyTorch meets them. A variance formula that loses those digits fails.
 *
 * <p>With {@code m = 1} (one sample and one position) the batch variance is meaningless and the
 * unbiased one divides by zero; PyTorch raises an error and so does this kata. A channel whose
 * values are all equal is fine: its variance is 0, {@code xhat} is 0 and the output is {@code beta}.
 *
 * <p><b>Eval forward</b> ({@code training=False}): {@code y = gamma * (x - runningMean) /
 * sqrt(runningVar + eps) + beta} per channel, using the given running statistics; nothing is updated
 * and any batch size works, even a single value.
 *
 * <p><b>Backward</b> of the training forward. Given the upstream gradient {@code dy = dL/dy} (same
 * shape as {@code x}) and the {@link Cache} that {@link #trainForward} returned, return
 * {@code dx = dL/dx} (same shape as {@code x}), {@code dgamma = dL/dgamma} and
 * {@code dbeta = dL/dbeta} (length {@code C}, summed over the batch and the positions). Treat
 * {@code eps} as a constant. The mean and the variance of a channel are functions of every {@code x}
 * of that channel, and {@code dx} must account for that: it is the true derivative of the training
 * forward, which the grader checks against finite differences. Deriving it is the heart of the kata.
 * The running-statistics update is not differentiated (it is a buffer update, not part of the loss).
 *
 * <p><b>The cache is yours.</b> {@link Cache} is whatever your forward needs to keep for the backward;
 * the grader never reads it and never builds one, it only hands back the cache your own
 * {@code trainForward} returned. The components below are a suggestion: change them freely, but keep
 * the record's name. The backward must not modify the cache (the grader may call it twice).
 *
 * <p><b>Immutability.</b> Inputs are never modified; the updated running statistics are returned as
 * new arrays in {@link ForwardResult}.
 *
 * <p><b>Non-finite values.</b> A NaN or infinite entry in {@code x}, {@code gamma}, {@code beta},
 * {@code runningMean}, {@code runningVar} or {@code dy} is rejected with
 * {@link IllegalArgumentException} naming the argument (PyTorch would propagate it silently; this
 * kata asks you to validate). {@code momentum} must be in {@code [0, 1]}; {@code eps} must be finite
 * and strictly positive (PyTorch also accepts 0, which turns a constant channel into 0/0; this kata
 * does not); running variances must be {@code >= 0}. Values so large that their squares overflow are
 * out of scope.
 *
 * <p><b>Complexity.</b> O(N * C * S) time for each method, a constant number of passes over the data,
 * and O(N * C * S) extra memory for the outputs and the cache.
 *
 * <p>Example: one channel ({@code C = 1, S = 1}) with values {@code x = [0, 2, 4, 6]},
 * {@code gamma = [2]}, {@code beta = [1]}, {@code eps = 4}, {@code momentum = 0.25}, running mean 0
 * and running variance 1. Then mean = 3, biased var = 5, {@code sqrt(5 + 4) = 3}, so
 * {@code xhat = [-1, -1/3, 1/3, 1]} and {@code y = [-1, 1/3, 5/3, 3]}. The unbiased variance is
 * 20/3, so the new running mean is {@code 0.75 * 0 + 0.25 * 3 = 0.75} and the new running variance is
 * {@code 0.75 * 1 + 0.25 * 20/3 = 29/12}. With {@code dy = [1, 0, 0, 0]}: {@code dbeta = [1]},
 * {@code dgamma = [-1]} and {@code dx = [1/3, -2/9, -1/9, 0]}.
 */
public final class BatchNorm {
  private BatchNorm() {}

  /**
   * What the training forward keeps for the backward. Yours to design: the grader only passes it back
   * to {@link #backward}. Suggested content: the normalized values, the per-channel
   * {@code 1 / sqrt(var + eps)} and {@code gamma}.
   *
   * @param xhat the normalized input, {@code [N][C][S]}
   * @param invStd {@code 1 / sqrt(var + eps)} per channel
   * @param gamma the scale used in the forward, per channel
   */
  public record Cache(double[][][] xhat, double[] invStd, double[] gamma) {}

  /**
   * The result of a training-mode forward.
   *
   * @param y the output, {@code [N][C][S]} like the input
   * @param cache what {@link #backward} needs
   * @param newRunningMean the updated running mean, a new array of length {@code C}
   * @param newRunningVar the updated running variance (fed with the unbiased batch variance), a new
   *     array of length {@code C}
   */
  public record ForwardResult(double[][][] y, Cache cache, double[] newRunningMean, double[] newRunningVar) {}

  /**
   * The gradients of the loss with respect to the training forward's inputs.
   *
   * @param dx gradient with respect to {@code x}, {@code [N][C][S]}
   * @param dgamma gradient with respect to {@code gamma}, length {@code C}
   * @param dbeta gradient with respect to {@code beta}, length {@code C}
   */
  public record Gradients(double[][][] dx, double[] dgamma, double[] dbeta) {}

  /**
   * Training-mode batch normalization: normalizes each channel with the batch's mean and biased
   * variance, applies {@code gamma} and {@code beta}, and returns updated running statistics.
   *
   * @param x the input, {@code [N][C][S]} with {@code N, C, S >= 1}, rectangular, and
   *     {@code N * S >= 2}
   * @param gamma the per-channel scale, length {@code C}
   * @param beta the per-channel shift, length {@code C}
   * @param runningMean the running mean before this batch, length {@code C}
   * @param runningVar the running variance before this batch, length {@code C}, entries {@code >= 0}
   * @param momentum the weight of the batch statistic in the running update, in {@code [0, 1]}
   *     (PyTorch's default is 0.1)
   * @param eps added to the variance inside the square root, finite and {@code > 0} (default 1e-5)
   * @return the output, the cache for the backward and the new running statistics
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException with a message naming the offending argument ({@code x},
   *     {@code gamma}, {@code beta}, {@code runningMean}, {@code runningVar}, {@code momentum} or
   *     {@code eps}): when {@code x} is empty in any dimension, ragged or holds a single value per
   *     channel ({@code N * S == 1}); when a per-channel array's length is not {@code C}; when a value
   *     is NaN or infinite; when a running variance is negative; when {@code momentum} is outside
   *     {@code [0, 1]}; when {@code eps} is not finite and positive
   */
  public static ForwardResult trainForward(double[][][] x, double[] gamma, double[] beta,
      double[] runningMean, double[] runningVar, double momentum, double eps) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement BatchNorm.trainForward");
  }

  /**
   * Eval-mode batch normalization: normalizes with the given running statistics.
   *
   * @param x the input, {@code [N][C][S]} with {@code N, C, S >= 1}, rectangular (a single value per
   *     channel is fine here)
   * @param gamma the per-channel scale, length {@code C}
   * @param beta the per-channel shift, length {@code C}
   * @param runningMean the running mean, length {@code C}
   * @param runningVar the running variance, length {@code C}, entries {@code >= 0}
   * @param eps added to the variance inside the square root, finite and {@code > 0}
   * @return {@code y = gamma * (x - runningMean) / sqrt(runningVar + eps) + beta}, a new
   *     {@code [N][C][S]} array
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException with a message naming the offending argument, for the same
   *     reasons as {@link #trainForward} except the single-value rule (there is no momentum here)
   */
  public static double[][][] evalForward(double[][][] x, double[] gamma, double[] beta,
      double[] runningMean, double[] runningVar, double eps) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement BatchNorm.evalForward");
  }

  /**
   * Backward of {@link #trainForward}: the gradients of a loss {@code L} given {@code dy = dL/dy}.
   *
   * @param dy the upstream gradient, the same {@code [N][C][S]} shape as the forward's {@code x}
   * @param cache the cache returned by the training forward whose output {@code dy} refers to; not
   *     modified
   * @return {@code dx}, {@code dgamma} and {@code dbeta}, new arrays
   * @throws NullPointerException if an argument or a row of {@code dy} is null
   * @throws IllegalArgumentException with a message naming {@code dy}: when its shape differs from
   *     the forward input's or an entry is NaN or infinite
   */
  public static Gradients backward(double[][][] dy, Cache cache) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement BatchNorm.backward");
  }
}
