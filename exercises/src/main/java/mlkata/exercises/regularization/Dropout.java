package mlkata.exercises.regularization;

import java.util.random.RandomGenerator;

/**
 * <h2>Kata: inverted dropout, forward and backward</h2>
 *
 * <p>During training, dropout zeroes each activation independently with probability {@code p} and
 * scales the survivors by {@code 1 / (1 - p)}, so that every activation keeps its expected value. At
 * evaluation time nothing is dropped and nothing is scaled: the layer is the identity. (Scaling at
 * evaluation time instead, by {@code 1 - p}, is the original "non-inverted" form; it is not what modern
 * frameworks do and it is wrong here.)
 *
 * <p>The semantics are PyTorch's {@code torch.nn.functional.dropout(x, p, training)} on the CPU:
 * <pre>
 *   training:   y_i = keep_i ? x_i / (1 - p) : 0,    keep_i ~ Bernoulli(1 - p)
 *   evaluation: y_i = x_i
 * </pre>
 * The backward pass returns {@code dx = dL/dx} of the training forward pass for the given upstream
 * gradient {@code dy} and the same mask and {@code p} (same length as {@code dy}).
 * {@code p} is the probability of <em>dropping</em>, not of keeping. With {@code p = 1} every training
 * output and every gradient is 0 whatever the mask says (PyTorch multiplies by zero; there is no division by
 * zero). With {@code p = 0} the training forward pass is the identity.
 *
 * <p><b>The mask.</b> The random part is separated out so that results are reproducible:
 * {@link #keepMask} draws the mask from a caller-supplied generator, and the forward and backward
 * passes take that mask as an argument. The drawing rule is pinned exactly: for {@code i = 0, 1, ...,
 * n - 1} in order, call {@code rng.nextDouble()} once and keep element {@code i} if and only if the
 * value is {@code >= p}. That is exactly {@code n} calls to {@code nextDouble()} and no call to any other
 * method of {@code rng}, also when {@code p} is 0 or 1. Since {@code nextDouble()} is uniform on
 * {@code [0, 1)}, an element is kept with probability {@code 1 - p}.
 *
 * <p><b>Edge cases.</b> Empty vectors are allowed ({@code n = 0} draws nothing). In evaluation mode
 * {@code p} is still validated, as PyTorch does.
 *
 * <p><b>Non-finite values.</b> A NaN or infinite entry of {@code x} or {@code dy} is rejected with
 * {@link IllegalArgumentException} (deliberate difference: PyTorch would propagate it), as is a
 * {@code p} outside {@code [0, 1]} or NaN.
 *
 * <p><b>Complexity.</b> O(n) time and memory per call. Inputs are never modified; every returned array
 * is new.
 *
 * <p>Example: {@code p = 0.5} and a generator whose next four doubles are {@code 0.7, 0.2, 0.5, 0.1}:
 * {@code keepMask(4, 0.5, rng) = [true, false, true, false]} ({@code 0.5 >= 0.5} is kept). Then
 * {@code forwardTrain([1, 2, 3, 4], mask, 0.5) = [2, 0, 6, 0]},
 * {@code backward([1, 1, 1, 1], mask, 0.5) = [2, 0, 2, 0]} and
 * {@code forwardEval([1, 2, 3, 4], 0.5) = [1, 2, 3, 4]}.
 */
public final class Dropout {
  private Dropout() {}

  /**
   * Draws a keep mask: one {@code rng.nextDouble()} per element in index order, keep iff the value is
   * {@code >= p}.
   *
   * @param n the number of elements, {@code >= 0}
   * @param p the drop probability, in {@code [0, 1]}
   * @param rng the source of randomness; exactly {@code n} calls to {@code nextDouble()} are made
   * @return a new array of length {@code n}, {@code true} where the element is kept
   * @throws NullPointerException if {@code rng} is null
   * @throws IllegalArgumentException with a message naming {@code n} when it is negative, or {@code p}
   *     when it is outside {@code [0, 1]} or NaN
   */
  public static boolean[] keepMask(int n, double p, RandomGenerator rng) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Dropout.keepMask");
  }

  /**
   * The training forward pass: {@code y_i = keep_i ? x_i / (1 - p) : 0}, all zeros when {@code p = 1}.
   *
   * @param x the activations, finite; not modified
   * @param keep the keep mask, the length of {@code x}; not modified
   * @param p the drop probability the mask was drawn with, in {@code [0, 1]}
   * @return a new array of the length of {@code x}
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException with a message naming {@code keep} when its length differs from
   *     {@code x}'s, {@code x} when an entry is not finite, or {@code p} when it is outside
   *     {@code [0, 1]} or NaN
   */
  public static double[] forwardTrain(double[] x, boolean[] keep, double p) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Dropout.forwardTrain");
  }

  /**
   * The evaluation forward pass: the identity.
   *
   * @param x the activations, finite; not modified
   * @param p the drop probability of the layer, in {@code [0, 1]}; validated but otherwise unused
   * @return a new array equal to {@code x}
   * @throws NullPointerException if {@code x} is null
   * @throws IllegalArgumentException with a message naming {@code x} when an entry is not finite, or
   *     {@code p} when it is outside {@code [0, 1]} or NaN
   */
  public static double[] forwardEval(double[] x, double p) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Dropout.forwardEval");
  }

  /**
   * The backward pass of {@link #forwardTrain}: the gradient of the loss with respect to {@code x}, given
   * the gradient {@code dy} with respect to the training output; all zeros when {@code p = 1}.
   *
   * @param dy the gradient of the loss with respect to the training output, finite; not modified
   * @param keep the mask the forward pass used, the length of {@code dy}; not modified
   * @param p the drop probability the forward pass used, in {@code [0, 1]}
   * @return a new array of the length of {@code dy}
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException with a message naming {@code keep} when its length differs from
   *     {@code dy}'s, {@code dy} when an entry is not finite, or {@code p} when it is outside
   *     {@code [0, 1]} or NaN
   */
  public static double[] backward(double[] dy, boolean[] keep, double p) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Dropout.backward");
  }
}
