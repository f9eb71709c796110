package mlkata.exercises.training;

/**
 * <h2>Kata: activation functions and their derivatives, from scratch</h2>
 *
 * <p>Every layer of a network multiplies the gradient flowing back through it by the derivative of its
 * activation. Implement eight activations and, for each, its derivative with respect to the input
 * {@code x}, as plain functions of one {@code double}. The activations are defined as
 * <pre>
 *   sigmoid(x)    = 1 / (1 + e^-x)
 *   tanh(x)       = (e^x - e^-x) / (e^x + e^-x)
 *   relu(x)       = max(x, 0)
 *   leakyRelu(x)  = x if x &gt; 0, else slope * x
 *   elu(x)        = x if x &gt; 0, else alpha (e^x - 1)
 *   softplus(x)   = x if beta x &gt; threshold, else ln(1 + e^(beta x)) / beta
 *   gelu(x)       = x/2 (1 + tanh(u)),  u = sqrt(2/pi) (x + 0.044715 x^3)
 *   silu(x)       = x sigmoid(x)
 * </pre>
 * and each {@code ...Derivative} method returns the derivative of its activation with respect to
 * {@code x} at the given point (with the other arguments held fixed). Deriving the eight derivatives is
 * the exercise; the grader checks them against finite differences and against PyTorch's autograd.
 *
 * <p><b>Semantics.</b> PyTorch 1.13: {@code torch.sigmoid}, {@code torch.tanh}, {@code F.relu},
 * {@code F.leaky_relu(x, slope)}, {@code F.elu(x, alpha)}, {@code F.softplus(x, beta, threshold)},
 * {@code F.gelu(x, approximate="tanh")}, {@code F.silu}, and the derivatives that autograd computes for
 * them. PyTorch's defaults are {@code slope = 0.01}, {@code alpha = 1}, {@code beta = 1},
 * {@code threshold = 20}.
 * <ul>
 *   <li><b>Kinks.</b> Where the function is not differentiable, return autograd's choice, which is
 *       the derivative of the left-hand ({@code x <= 0}) branch evaluated at the kink:
 *       {@code relu'(0) = 0}, {@code leakyRelu'(0) = slope}, {@code elu'(0) = alpha}.
 *   <li><b>The softplus switch</b> is strict: at {@code beta x == threshold} use the logarithm, so
 *       {@code softplus(20, 1, 20) = ln(1 + e^20) = 20.000000002061153}. The derivative follows the
 *       same branch as the value: above the threshold it is the derivative of the identity branch, as
 *       in autograd.
 *   <li><b>GELU.</b> This kata grades only the tanh approximation (PyTorch's
 *       {@code approximate="tanh"}, the form GPT-2 used). The exact GELU, {@code x Phi(x)}, needs the
 *       error function, which the JDK does not have; the approximation differs from it by less than
 *       about 5e-4.
 * </ul>
 *
 * <p><b>Numerical stability.</b> Every function and derivative must return a finite, correct value for
 * every finite input (up to overflow of the true result itself, as {@code softplus} with a {@code beta}
 * below about 1e-308):
 * <ul>
 *   <li>{@code sigmoid(-1000) = 0} and {@code sigmoid(1000) = 1}, never NaN, although {@code e^1000}
 *       overflows a double.
 *   <li>{@code softplus(1000, 1, 20) = 1000} (the threshold branch). Deliberate difference: PyTorch
 *       computes {@code log1p(exp(beta x))} below the threshold, which overflows to infinity when the
 *       threshold is large ({@code softplus(1000, 1, 2000)} is infinite in PyTorch); here it must be
 *       {@code 1000}, and more generally accurate for every finite {@code beta x} below the threshold.
 *   <li>{@code silu(-1000) = 0}, {@code silu'(-1000) = 0}, {@code silu'(1000) = 1}.
 *   <li>{@code gelu'(x)} for huge {@code |x|} (where {@code x^2} overflows, beyond about 1e154):
 *       PyTorch returns NaN; here it is the limit, 1 for positive {@code x} and 0 for negative.
 *       {@code gelu(x)} tends to {@code x} and to 0.
 * </ul>
 *
 * <p><b>Non-finite values.</b> A NaN or infinite {@code x}, {@code slope}, {@code alpha},
 * {@code beta} or {@code threshold} is rejected with {@link IllegalArgumentException} naming the
 * argument. {@code beta} must also be positive. {@code slope}, {@code alpha} and {@code threshold} may
 * be any finite number (zero and negative values included, as in PyTorch).
 *
 * <p><b>Why it matters.</b> {@code sigmoid'} is at most {@code 1/4} (at {@code x = 0}), so a chain
 * of ten sigmoid layers shrinks the gradient by at least {@code 4^10}, about a million: the vanishing
 * gradient. {@code relu'} is exactly 1 on the active side.
 *
 * <p><b>Complexity.</b> O(1) time and memory per call.
 *
 * <p>Example: {@code sigmoid(0) = 0.5}, {@code sigmoidDerivative(0) = 0.25}, {@code relu(-2) = 0},
 * {@code reluDerivative(0) = 0}, {@code leakyRelu(-2, 0.1) = -0.2}, {@code elu(-1, 1) = 1/e - 1 =
 * -0.6321205588285577}, {@code softplus(0, 1, 20) = ln 2}, {@code silu(1) = 0.7310585786300049}.
 */
public final class Activations {
  private Activations() {}

  /**
   * The logistic sigmoid {@code 1 / (1 + e^-x)}.
   *
   * @param x the input, finite
   * @return {@code sigmoid(x)}, in [0, 1]
   * @throws IllegalArgumentException naming {@code x} when it is NaN or infinite
   */
  public static double sigmoid(double x) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Activations.sigmoid");
  }

  /**
   * The derivative of {@link #sigmoid} at {@code x}.
   *
   * @param x the input, finite
   * @return {@code sigmoid'(x)}, in [0, 1/4]
   * @throws IllegalArgumentException naming {@code x} when it is NaN or infinite
   */
  public static double sigmoidDerivative(double x) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Activations.sigmoidDerivative");
  }

  /**
   * The hyperbolic tangent.
   *
   * @param x the input, finite
   * @return {@code tanh(x)}, in [-1, 1]
   * @throws IllegalArgumentException naming {@code x} when it is NaN or infinite
   */
  public static double tanh(double x) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Activations.tanh");
  }

  /**
   * The derivative of {@link #tanh} at {@code x}.
   *
   * @param x the input, finite
   * @return {@code tanh'(x)}, in [0, 1]
   * @throws IllegalArgumentException naming {@code x} when it is NaN or infinite
   */
  public static double tanhDerivative(double x) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Activations.tanhDerivative");
  }

  /**
   * The rectified linear unit {@code max(x, 0)}.
   *
   * @param x the input, finite
   * @return {@code relu(x)}
   * @throws IllegalArgumentException naming {@code x} when it is NaN or infinite
   */
  public static double relu(double x) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Activations.relu");
  }

  /**
   * The derivative of {@link #relu} at {@code x}: 1 for {@code x > 0}, else 0 (0 at the kink).
   *
   * @param x the input, finite
   * @return {@code relu'(x)}, 0 or 1
   * @throws IllegalArgumentException naming {@code x} when it is NaN or infinite
   */
  public static double reluDerivative(double x) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Activations.reluDerivative");
  }

  /**
   * The leaky ReLU: {@code x} for {@code x > 0}, else {@code slope * x}.
   *
   * @param x the input, finite
   * @param slope the slope on the non-positive side, finite (PyTorch's default 0.01)
   * @return {@code leakyRelu(x)}
   * @throws IllegalArgumentException naming {@code x} or {@code slope} when it is NaN or infinite
   */
  public static double leakyRelu(double x, double slope) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Activations.leakyRelu");
  }

  /**
   * The derivative of {@link #leakyRelu} at {@code x}: 1 for {@code x > 0}, else {@code slope}
   * ({@code slope} at the kink).
   *
   * @param x the input, finite
   * @param slope the slope on the non-positive side, finite
   * @return {@code leakyRelu'(x)}
   * @throws IllegalArgumentException naming {@code x} or {@code slope} when it is NaN or infinite
   */
  public static double leakyReluDerivative(double x, double slope) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Activations.leakyReluDerivative");
  }

  /**
   * The exponential linear unit: {@code x} for {@code x > 0}, else {@code alpha (e^x - 1)}.
   *
   * @param x the input, finite
   * @param alpha the scale of the negative side, finite (PyTorch's default 1)
   * @return {@code elu(x)}
   * @throws IllegalArgumentException naming {@code x} or {@code alpha} when it is NaN or infinite
   */
  public static double elu(double x, double alpha) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Activations.elu");
  }

  /**
   * The derivative of {@link #elu} at {@code x}: 1 for {@code x > 0}, the derivative of the
   * exponential branch otherwise ({@code alpha} at the kink).
   *
   * @param x the input, finite
   * @param alpha the scale of the negative side, finite
   * @return {@code elu'(x)}
   * @throws IllegalArgumentException naming {@code x} or {@code alpha} when it is NaN or infinite
   */
  public static double eluDerivative(double x, double alpha) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Activations.eluDerivative");
  }

  /**
   * Softplus: {@code x} when {@code beta x > threshold}, else {@code ln(1 + e^(beta x)) / beta},
   * computed without overflow.
   *
   * @param x the input, finite
   * @param beta the sharpness, finite and positive (PyTorch's default 1)
   * @param threshold above which {@code beta x} the function returns {@code x}, finite (default 20)
   * @return {@code softplus(x)}
   * @throws IllegalArgumentException naming {@code x} or {@code threshold} when it is NaN or infinite,
   *     {@code beta} when it is not finite and positive
   */
  public static double softplus(double x, double beta, double threshold) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Activations.softplus");
  }

  /**
   * The derivative of {@link #softplus} at {@code x}: 1 when {@code beta x > threshold}, else the
   * derivative of the logarithmic branch.
   *
   * @param x the input, finite
   * @param beta the sharpness, finite and positive
   * @param threshold above which {@code beta x} the function is the identity, finite
   * @return {@code softplus'(x)}, in [0, 1]
   * @throws IllegalArgumentException naming {@code x} or {@code threshold} when it is NaN or infinite,
   *     {@code beta} when it is not finite and positive
   */
  public static double softplusDerivative(double x, double beta, double threshold) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Activations.softplusDerivative");
  }

  /**
   * GELU, tanh approximation: {@code x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}.
   *
   * @param x the input, finite
   * @return {@code gelu(x)}
   * @throws IllegalArgumentException naming {@code x} when it is NaN or infinite
   */
  public static double gelu(double x) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Activations.gelu");
  }

  /**
   * The derivative of {@link #gelu} (tanh approximation) at {@code x}; its limit (1 or 0) where
   * {@code x^2} overflows.
   *
   * @param x the input, finite
   * @return {@code gelu'(x)}
   * @throws IllegalArgumentException naming {@code x} when it is NaN or infinite
   */
  public static double geluDerivative(double x) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Activations.geluDerivative");
  }

  /**
   * SiLU (swish): {@code x sigmoid(x)}.
   *
   * @param x the input, finite
   * @return {@code silu(x)}
   * @throws IllegalArgumentException naming {@code x} when it is NaN or infinite
   */
  public static double silu(double x) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Activations.silu");
  }

  /**
   * The derivative of {@link #silu} at {@code x}.
   *
   * @param x the input, finite
   * @return {@code silu'(x)}
   * @throws IllegalArgumentException naming {@code x} when it is NaN or infinite
   */
  public static double siluDerivative(double x) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Activations.siluDerivative");
  }
}
