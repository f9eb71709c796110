package mlkata.exercises.training;

import java.util.random.RandomGenerator;

/**
 * <h2>Kata: Xavier and He initialization, from scratch</h2>
 *
 * <p>A layer's initial weights decide whether signals keep their size as they pass through a deep
 * network. Xavier (Glorot and Bengio, 2010) and He/Kaiming (He et al., 2015) initialization draw
 * weights with a variance chosen from the layer's <em>fans</em>, so the variance of the activations
 * (forward) or of the gradients (backward) stays roughly constant from layer to layer.
 *
 * <p><b>Shapes and fans.</b> A weight shape is PyTorch's: {@code (out, in)} for a linear layer,
 * {@code (out, in, k1, k2, ...)} for a convolution. With {@code receptive = k1 * k2 * ...} (1 when
 * there are only two dimensions):
 * <pre>
 *   fanIn  = shape[1] * receptive        fanOut = shape[0] * receptive
 * </pre>
 *
 * <p><b>Gains.</b> {@code gain(nonlinearity, negativeSlope)}: {@code LINEAR} (also identity and
 * convolutions) and {@code SIGMOID} 1, {@code TANH} 5/3, {@code RELU} sqrt(2), {@code LEAKY_RELU}
 * {@code sqrt(2 / (1 + negativeSlope^2))}, {@code SELU} 3/4. {@code negativeSlope} is used only by
 * {@code LEAKY_RELU} (PyTorch's default there is 0.01).
 *
 * <p><b>Standard deviations and bounds.</b>
 * <pre>
 *   xavierStd  = gain * sqrt(2 / (fanIn + fanOut))
 *   kaimingStd = gain(nonlinearity, negativeSlope) / sqrt(fan),  fan = fanIn or fanOut by mode
 * </pre>
 * The uniform variants use a bound instead: the {@code bound} for which the uniform distribution on
 * {@code [-bound, bound]} has exactly that standard deviation (the same variance as the normal
 * variant).
 *
 * <p><b>Sampling.</b> The four fill methods return the {@code shape[0] * shape[1] * ...} weights
 * flattened in row-major order (the last index varies fastest, like a contiguous PyTorch tensor) and
 * draw exactly one number from {@code random} per entry, in that order:
 * <ul>
 *   <li>uniform: {@code bound * (2u - 1)} with {@code u = random.nextDouble()}, a value in
 *       {@code [-bound, bound)};
 *   <li>normal: {@code std * random.nextGaussian()}.
 * </ul>
 * Given the same generator state the grader expects the same weights, up to rounding.
 *
 * <p><b>Semantics.</b> PyTorch 1.13's {@code torch.nn.init}: {@code _calculate_fan_in_and_fan_out},
 * {@code calculate_gain}, {@code xavier_uniform_(w, gain)}, {@code xavier_normal_(w, gain)},
 * {@code kaiming_uniform_(w, a, mode, nonlinearity)} and {@code kaiming_normal_(...)}, where
 * {@code a} is our {@code negativeSlope}. PyTorch's Kaiming defaults are {@code a = 0},
 * {@code mode = "fan_in"}, {@code nonlinearity = "leaky_relu"} (so the gain is sqrt(2)). Deliberate
 * differences: PyTorch's Kaiming fills leave a tensor with a zero dimension untouched and its Xavier
 * divides by zero on it; here a dimension below 1 is rejected. PyTorch draws from its own generator;
 * here the caller supplies a {@link RandomGenerator}.
 *
 * <p><b>Non-finite values.</b> A NaN or infinite {@code negativeSlope}, or a {@code gain} that is NaN,
 * infinite or negative, is rejected with {@link IllegalArgumentException} ({@code negativeSlope} is
 * checked even when the nonlinearity does not use it). A {@code gain} of 0 is legal and gives zeros.
 *
 * <p><b>Complexity.</b> O(number of dimensions) for fans, gains, standard deviations and bounds;
 * O(entries) time and memory for the fills. Inputs are never modified.
 *
 * <p>Example: {@code shape = (3, 5)}: fans {@code (5, 3)}; {@code xavierStd(shape, 1) = sqrt(2/8) =
 * 0.5}, {@code xavierBound = 0.8660254037844386}; {@code kaimingStd(shape, 0, FAN_IN, RELU) =
 * sqrt(2)/sqrt(5) = 0.6324555320336759}. {@code shape = (16, 8, 3, 3)}: fans {@code (72, 144)}.
 */
public final class WeightInit {
  private WeightInit() {}

  /** The nonlinearity that follows the layer, as named by {@code torch.nn.init.calculate_gain}. */
  public enum Nonlinearity { LINEAR, SIGMOID, TANH, RELU, LEAKY_RELU, SELU }

  /** Which fan Kaiming initialization divides by: {@code FAN_IN} keeps the forward variance. */
  public enum Mode { FAN_IN, FAN_OUT }

  /**
   * The fans of a weight shape.
   *
   * @param fanIn inputs feeding one output unit: {@code shape[1] * receptive}
   * @param fanOut outputs fed by one input unit: {@code shape[0] * receptive}
   */
  public record Fans(long fanIn, long fanOut) {}

  /**
   * The fan-in and fan-out of a weight shape.
   *
   * @param shape the weight shape {@code (out, in, k1, ...)}, at least two dimensions, each at least 1;
   *     not modified
   * @return the fans
   * @throws NullPointerException if {@code shape} is null
   * @throws IllegalArgumentException naming {@code shape} when it has fewer than two dimensions, a
   *     dimension below 1, or fans beyond {@code Long.MAX_VALUE}
   */
  public static Fans fans(int[] shape) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement WeightInit.fans");
  }

  /**
   * The recommended gain for a nonlinearity.
   *
   * @param nonlinearity the nonlinearity after the layer
   * @param negativeSlope the leaky ReLU slope, used only by {@code LEAKY_RELU}; finite
   * @return the gain
   * @throws NullPointerException if {@code nonlinearity} is null
   * @throws IllegalArgumentException naming {@code negativeSlope} when it is NaN or infinite
   */
  public static double gain(Nonlinearity nonlinearity, double negativeSlope) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement WeightInit.gain");
  }

  /**
   * Xavier's standard deviation {@code gain * sqrt(2 / (fanIn + fanOut))}.
   *
   * @param shape the weight shape, as for {@link #fans}; not modified
   * @param gain the gain, finite and non-negative
   * @return the standard deviation
   * @throws NullPointerException if {@code shape} is null
   * @throws IllegalArgumentException naming {@code shape} as in {@link #fans}, or {@code gain} when it
   *     is NaN, infinite or negative
   */
  public static double xavierStd(int[] shape, double gain) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement WeightInit.xavierStd");
  }

  /**
   * Xavier's uniform bound: the {@code bound} for which a uniform on {@code [-bound, bound]} has the
   * standard deviation {@code xavierStd(shape, gain)}.
   *
   * @param shape the weight shape, as for {@link #fans}; not modified
   * @param gain the gain, finite and non-negative
   * @return the bound
   * @throws NullPointerException if {@code shape} is null
   * @throws IllegalArgumentException as {@link #xavierStd}
   */
  public static double xavierBound(int[] shape, double gain) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement WeightInit.xavierBound");
  }

  /**
   * Kaiming's standard deviation {@code gain(nonlinearity, negativeSlope) / sqrt(fan)}.
   *
   * @param shape the weight shape, as for {@link #fans}; not modified
   * @param negativeSlope the leaky ReLU slope (PyTorch's {@code a}), finite
   * @param mode {@code FAN_IN} or {@code FAN_OUT}: which fan to divide by
   * @param nonlinearity the nonlinearity after the layer
   * @return the standard deviation
   * @throws NullPointerException if {@code shape}, {@code mode} or {@code nonlinearity} is null
   * @throws IllegalArgumentException naming {@code shape} as in {@link #fans}, or {@code negativeSlope}
   *     when it is NaN or infinite
   */
  public static double kaimingStd(int[] shape, double negativeSlope, Mode mode, Nonlinearity nonlinearity) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement WeightInit.kaimingStd");
  }

  /**
   * Kaiming's uniform bound: the {@code bound} for which a uniform on {@code [-bound, bound]} has the
   * standard deviation {@code kaimingStd(...)} with the same arguments.
   *
   * @param shape the weight shape, as for {@link #fans}; not modified
   * @param negativeSlope the leaky ReLU slope, finite
   * @param mode which fan to divide by
   * @param nonlinearity the nonlinearity after the layer
   * @return the bound
   * @throws NullPointerException if {@code shape}, {@code mode} or {@code nonlinearity} is null
   * @throws IllegalArgumentException as {@link #kaimingStd}
   */
  public static double kaimingBound(int[] shape, double negativeSlope, Mode mode, Nonlinearity nonlinearity) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement WeightInit.kaimingBound");
  }

  /**
   * Weights drawn uniformly from {@code [-xavierBound, xavierBound)}, one {@code nextDouble} each.
   *
   * @param shape the weight shape, as for {@link #fans}; not modified
   * @param gain the gain, finite and non-negative
   * @param random the source of randomness
   * @return the weights, flattened in row-major order (a new array)
   * @throws NullPointerException if {@code shape} or {@code random} is null
   * @throws IllegalArgumentException as {@link #xavierStd}, or naming {@code shape} when it has more
   *     than {@code Integer.MAX_VALUE - 8} entries
   */
  public static double[] xavierUniform(int[] shape, double gain, RandomGenerator random) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement WeightInit.xavierUniform");
  }

  /**
   * Weights drawn from a normal with mean 0 and standard deviation {@code xavierStd}, one
   * {@code nextGaussian} each.
   *
   * @param shape the weight shape, as for {@link #fans}; not modified
   * @param gain the gain, finite and non-negative
   * @param random the source of randomness
   * @return the weights, flattened in row-major order (a new array)
   * @throws NullPointerException if {@code shape} or {@code random} is null
   * @throws IllegalArgumentException as {@link #xavierUniform}
   */
  public static double[] xavierNormal(int[] shape, double gain, RandomGenerator random) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement WeightInit.xavierNormal");
  }

  /**
   * Weights drawn uniformly from {@code [-kaimingBound, kaimingBound)}, one {@code nextDouble} each.
   *
   * @param shape the weight shape, as for {@link #fans}; not modified
   * @param negativeSlope the leaky ReLU slope, finite
   * @param mode which fan to divide by
   * @param nonlinearity the nonlinearity after the layer
   * @param random the source of randomness
   * @return the weights, flattened in row-major order (a new array)
   * @throws NullPointerException if {@code shape}, {@code mode}, {@code nonlinearity} or
   *     {@code random} is null
   * @throws IllegalArgumentException as {@link #kaimingStd}, or naming {@code shape} when it has more
   *     than {@code Integer.MAX_VALUE - 8} entries
   */
  public static double[] kaimingUniform(int[] shape, double negativeSlope, Mode mode, Nonlinearity nonlinearity,
      RandomGenerator random) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement WeightInit.kaimingUniform");
  }

  /**
   * Weights drawn from a normal with mean 0 and standard deviation {@code kaimingStd}, one
   * {@code nextGaussian} each.
   *
   * @param shape the weight shape, as for {@link #fans}; not modified
   * @param negativeSlope the leaky ReLU slope, finite
   * @param mode which fan to divide by
   * @param nonlinearity the nonlinearity after the layer
   * @param random the source of randomness
   * @return the weights, flattened in row-major order (a new array)
   * @throws NullPointerException if {@code shape}, {@code mode}, {@code nonlinearity} or
   *     {@code random} is null
   * @throws IllegalArgumentException as {@link #kaimingUniform}
   */
  public static double[] kaimingNormal(int[] shape, double negativeSlope, Mode mode, Nonlinearity nonlinearity,
      RandomGenerator random) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement WeightInit.kaimingNormal");
  }
}
