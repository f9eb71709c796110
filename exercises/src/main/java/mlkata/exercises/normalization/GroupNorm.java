package mlkata.exercises.normalization;

/**
 * <h2>Kata: group normalization, forward and backward, from scratch</h2>
 *
 * <p>Group norm rescales every example on its own, like layer norm, but splits the channels into
 * groups with their own statistics. The input {@code x} is a batch of {@code N} samples, each with
 * {@code C} channels of {@code S} positions ({@code x[i][c][k]}: sample {@code i}, channel {@code c},
 * position {@code k}). For an image batch of shape (N, C, H, W), S is H * W: flatten each channel's
 * H by W plane row by row; for plain feature vectors S is 1.
 *
 * <p>The {@code C} channels are cut into {@code G} ({@code groups}) consecutive groups of
 * {@code C/G} channels: group {@code g} holds channels {@code g*C/G} to {@code (g+1)*C/G - 1}. For each
 * sample {@code i} and group {@code g} separately, with {@code M = (C/G) * S} values in the group,
 * <pre>
 *   mean_ig = (1/M) * sum over the group's channels c and all positions k of x[i][c][k]
 *   var_ig  = (1/M) * sum (x[i][c][k] - mean_ig)^2         (biased: divide by M, not M - 1)
 *   rstd_ig = 1 / sqrt(var_ig + eps)                        (eps inside the square root)
 *   xhat[i][c][k] = (x[i][c][k] - mean_ig) * rstd_ig        (g is the group of channel c)
 *   y[i][c][k]    = gamma[c] * xhat[i][c][k] + beta[c]
 * </pre>
 * {@code gamma} (scale) and {@code beta} (shift) hold one value per channel, shared by all samples and
 * positions. The statistics come from the sample alone: there are no running statistics, and
 * training and evaluation compute the same thing. Two special cases name other normalizations:
 * {@code G = 1} is layer norm over all of a sample's C * S values (with the per-channel parameters),
 * and {@code G = C} is instance norm, each channel normalized over its S positions.
 *
 * <p>The semantics are PyTorch's {@code torch.nn.functional.group_norm(x, G, gamma, beta, eps)} /
 * {@code nn.GroupNorm(G, C)} on an (N, C, S) tensor, with the default {@code eps = 1e-5}
 * ({@link #DEFAULT_EPS}).
 *
 * <p><b>Backward.</b> Given the upstream gradient {@code dy = dL/dy} (same shape as {@code y}) and the
 * cache saved by the forward pass, return {@code dL/dx}, {@code dL/dgamma} and {@code dL/dbeta}. The
 * parameter gradients sum over the samples and the positions. Treat {@code eps} as a constant. The mean
 * and the variance of a group depend on every value in that group, so {@code dx[i][c][k]} is not simply
 * {@code dy[i][c][k] * gamma[c] * rstd_ig}; values in different groups do not affect each other.
 *
 * <p><b>The cache.</b> {@link Cache} is yours: put in it whatever your backward pass needs (the
 * suggested components are one option; change them freely, keeping the record's name). The grader only
 * hands the cache from {@code forward} back to {@code backward} and never looks inside. It must not
 * share arrays with the caller's inputs in a way that lets a later change to those inputs alter it.
 *
 * <p><b>Edge cases.</b>
 * <ul>
 *   <li>{@code G} must divide {@code C}; PyTorch raises an error otherwise, and so does this kata.
 *   <li>A group of one value ({@code G = C} and {@code S = 1}) equals its mean: {@code xhat = 0},
 *       {@code y = beta}, and {@code dx} and {@code dgamma} are zeros there, as in PyTorch.
 *   <li>A constant group ({@code var = 0}) is legal: {@code eps} keeps {@code rstd} finite, {@code y}
 *       is {@code beta} on it, and its {@code dx} is generally not zero.
 *   <li>{@code N = 0} (an empty batch, {@code x.length == 0}) is legal: {@code C} is then
 *       {@code gamma.length}; {@code y} and {@code dx} have no samples and {@code dgamma},
 *       {@code dbeta} are zeros of length {@code C}.
 *   <li>{@code S} must be at least 1 and the same for every channel of every sample. Deliberate
 *       difference: PyTorch accepts a tensor with no positions; this kata rejects it.
 *   <li>Groups with a large mean and a small spread (say mean 1e4, standard deviation 1e-2) must keep
 *       their precision: the grader checks them with tight tolerances, and a variance formula that
 *       loses those digits fails.
 *   <li>{@code eps} must be positive. Deliberate difference: PyTorch accepts {@code eps = 0} (and then
 *       returns NaN for a constant group); this kata rejects it.
 * </ul>
 *
 * <p><b>Non-finite values.</b> A NaN or infinite entry in {@code x}, {@code gamma}, {@code beta} or
 * {@code dy}, or an {@code eps} that is NaN, infinite, zero or negative, is rejected with
 * {@link IllegalArgumentException}. Finite inputs so large that their squared deviations overflow
 * (beyond about 1e150) are outside the contract.
 *
 * <p><b>Complexity.</b> O(N * C * S) time and memory for each pass; a few sweeps over each group.
 * Inputs are never modified; every returned array is new.
 *
 * <p>Example: one sample with {@code C = 4} channels of {@code S = 2} positions,
 * {@code x = [[[1, 2], [3, 4], [0, 0], [2, 2]]]}, {@code G = 2}, {@code gamma} ones, {@code beta}
 * zeros, {@code eps = 1e-5}. Group 0 (channels 0 and 1) holds 1, 2, 3, 4: mean 2.5, var 1.25. Group 1
 * (channels 2 and 3) holds 0, 0, 2, 2: mean 1, var 1. So with {@code a = 1/sqrt(1.25 + 1e-5)} and
 * {@code b = 1/sqrt(1 + 1e-5)},
 * {@code y = [[[-1.5a, -0.5a], [0.5a, 1.5a], [-b, -b], [b, b]]]}
 * ({@code a} ≈ 0.894424, {@code b} ≈ 0.999995). With {@code dy} all ones, {@code dx} is all zeros
 * (adding a constant to a group does not change its output), {@code dgamma = [-2a, 2a, -2b, 2b]} and
 * {@code dbeta = [2, 2, 2, 2]}.
 */
public final class GroupNorm {
  /** PyTorch's default {@code eps}: {@code 1e-5}. */
  public static final double DEFAULT_EPS = 1e-5;

  private GroupNorm() {}

  /**
   * What the forward pass saves for the backward pass. The components are a suggestion: the normalized
   * input (N by C by S), each sample's and group's {@code 1/sqrt(var + eps)} (N by G), and a copy of
   * {@code gamma}. Change them to whatever your backward pass needs; the grader never reads them.
   */
  public record Cache(double[][][] xhat, double[][] rstd, double[] gamma) {}

  /** The output {@code y} (N by C by S) and the cache for {@link #backward}. */
  public record Forward(double[][][] y, Cache cache) {}

  /**
   * The gradients of the loss: {@code dx} with the shape of {@code x} (N by C by S), {@code dgamma} and
   * {@code dbeta} of length C.
   */
  public record Gradients(double[][][] dx, double[] dgamma, double[] dbeta) {}

  /**
   * Group-normalizes each sample of {@code x} and applies the per-channel affine map.
   *
   * @param x the batch: N samples (N may be 0) of C channels of S ≥ 1 finite values, S the same
   *     everywhere; not modified
   * @param groups the number of groups G; at least 1 and a divisor of C
   * @param gamma the per-channel scale, length C ≥ 1, finite; not modified
   * @param beta the per-channel shift, length C, finite; not modified
   * @param eps added to each group's variance inside the square root; finite and positive
   * @return {@code y} (N by C by S, new arrays) and the cache for {@link #backward}
   * @throws NullPointerException if an argument, a sample or a channel of {@code x} is null
   * @throws IllegalArgumentException with a message naming the argument: {@code gamma} when it is
   *     empty or holds a non-finite value, {@code beta} when its length differs from
   *     {@code gamma}'s or it holds a non-finite value, {@code groups} when it is below 1 or does not
   *     divide C, {@code eps} when it is not finite and positive, {@code x} when a sample's number of
   *     channels differs from {@code gamma}'s length, a channel is empty or its length differs from
   *     the others', or a value is not finite
   */
  public static Forward forward(double[][][] x, int groups, double[] gamma, double[] beta, double eps) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement GroupNorm.forward");
  }

  /**
   * Same as {@link #forward(double[][][], int, double[], double[], double)} with {@code eps} =
   * {@link #DEFAULT_EPS}.
   *
   * @param x the batch: N samples (N may be 0) of C channels of S ≥ 1 finite values, S the same
   *     everywhere; not modified
   * @param groups the number of groups G; at least 1 and a divisor of C
   * @param gamma the per-channel scale, length C ≥ 1, finite; not modified
   * @param beta the per-channel shift, length C, finite; not modified
   * @return {@code y} (N by C by S, new arrays) and the cache for {@link #backward}
   * @throws NullPointerException if an argument, a sample or a channel of {@code x} is null
   * @throws IllegalArgumentException as the five-argument {@code forward}
   */
  public static Forward forward(double[][][] x, int groups, double[] gamma, double[] beta) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement GroupNorm.forward");
  }

  /**
   * Back-propagates {@code dy} through the forward pass that produced {@code cache}.
   *
   * @param dy the gradient of the loss with respect to {@code y}: finite values in the shape of that
   *     forward pass's {@code y} (N by C by S); not modified
   * @param cache the cache returned by {@link #forward}
   * @return {@code dx} (N by C by S), {@code dgamma} and {@code dbeta} (length C), all new arrays
   * @throws NullPointerException if an argument, a sample or a channel of {@code dy} is null
   * @throws IllegalArgumentException with a message naming {@code dy} when its number of samples,
   *     channels or positions differs from the forward pass's {@code x}, or a value is not finite
   */
  public static Gradients backward(double[][][] dy, Cache cache) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement GroupNorm.backward");
  }
}
