package mlkata.exercises.layers;

/**
 * <h2>Kata: a two-layer MLP, forward and backward, from scratch</h2>
 *
 * <p>The network every deep-learning interview eventually asks you to backpropagate through by hand:
 * <pre>
 *   z1     = x W1^T + b1          (N x H)   pre-activation of the hidden layer
 *   h      = relu(z1)             (N x H)   relu(v) = max(v, 0)
 *   logits = h W2^T + b2          (N x C)
 *   loss   = (1/N) sum_i [ log(sum_k exp(logits[i][k])) - logits[i][t_i] ]      (t_i = targets[i])
 * </pre>
 *
 * <p><b>Layout.</b> {@code x} is {@code N x D} (one example per row). The weights follow PyTorch's
 * {@code nn.Linear}: {@code W1} is {@code H x D} (one row per hidden unit, {@code out x in}, not
 * {@code in x out}), {@code b1} has length {@code H}, {@code W2} is {@code C x H}, {@code b2} has
 * length {@code C}. So {@code z1[i][j] = b1[j] + sum_m x[i][m] * W1[j][m]}. {@code targets[i]} is the
 * class of example {@code i}, an integer in {@code [0, C)}. The loss is the mean over the batch of the
 * softmax cross-entropy, PyTorch's {@code F.cross_entropy(logits, targets)} with its default
 * {@code reduction='mean'}.
 *
 * <p><b>Backward.</b> {@link #backward} returns the gradients of that mean loss with respect to
 * {@code W1, b1, W2, b2} and {@code x}, each with the shape of what it differentiates. Pinned choice:
 * the derivative of ReLU at exactly 0 is 0, as in PyTorch (a pre-activation of exactly 0 passes no
 * gradient). The grader checks every gradient against PyTorch's autograd and against central finite
 * differences of your own {@link #forward}.
 *
 * <p><b>Numerical stability.</b> Logits of 1000 or more occur in the grader and must give a finite,
 * accurate loss and gradients; {@code exp(1000)} overflows a double, so the softmax must not
 * exponentiate raw logits.
 *
 * <p><b>The cache is yours.</b> {@link Cache} is whatever the backward needs; the grader never reads it
 * or builds one, it only hands back what your {@link #forward} returned. Change its components freely,
 * but keep the record's name. The backward must not modify the cache (the grader may call it twice).
 * The cache may hold references to the forward's arguments (they are never modified).
 *
 * <p><b>Immutability.</b> Inputs are never modified; every returned array is new.
 *
 * <p><b>Non-finite values.</b> A NaN or infinite entry in {@code x}, {@code w1}, {@code b1},
 * {@code w2} or {@code b2} is rejected with {@link IllegalArgumentException} naming the argument
 * (PyTorch would propagate it; this kata validates). With finite inputs the loss and every gradient
 * are finite.
 *
 * <p><b>Complexity.</b> O(N * (D * H + H * C)) time for each method, like the matrix products
 * themselves; O(N * (H + C)) memory for the cache.
 *
 * <p>Example: {@code x = [[1, 2]]}, {@code W1 = [[1, 0], [1, -1]]}, {@code b1 = [0, 0]},
 * {@code W2 = [[2, 3], [0, 1]]}, {@code b2 = [0, 0]}, {@code targets = [1]}. Then
 * {@code z1 = [1*1 + 2*0, 1*1 + 2*(-1)] = [1, -1]}, {@code h = [1, 0]}, {@code logits = [2, 0]} and
 * {@code loss = log(e^2 + 1) - 0 = 2.126928}. The softmax is {@code p = [0.880797, 0.119203]}, so
 * {@code dlogits = p - onehot(1) = [0.880797, -0.880797]}; {@code db2 = [0.880797, -0.880797]},
 * {@code dW2 = [[0.880797, 0], [-0.880797, 0]]}; {@code dh = dlogits W2 = [1.761594, 1.761594]}, of
 * which the ReLU lets only the first unit through: {@code db1 = [1.761594, 0]},
 * {@code dW1 = [[1.761594, 3.523188], [0, 0]]} and {@code dx = [[1.761594, 0]]}.
 */
public final class MlpBackprop {
  private MlpBackprop() {}

  /**
   * What the forward keeps for the backward. Yours to design: the grader only passes it back to
   * {@link #backward}.
   *
   * @param x the input, {@code N x D}
   * @param targets the classes, length {@code N}
   * @param w1 the first weight matrix, {@code H x D}
   * @param w2 the second weight matrix, {@code C x H}
   * @param preActivation {@code z1}, {@code N x H}
   * @param hidden {@code h = relu(z1)}, {@code N x H}
   * @param probabilities the softmax of the logits, {@code N x C}
   */
  public record Cache(double[][] x, int[] targets, double[][] w1, double[][] w2, double[][] preActivation,
      double[][] hidden, double[][] probabilities) {}

  /**
   * The forward's results.
   *
   * @param loss the mean softmax cross-entropy over the batch
   * @param preActivation {@code z1 = x W1^T + b1}, {@code N x H}
   * @param hidden {@code h = relu(z1)}, {@code N x H}
   * @param logits {@code h W2^T + b2}, {@code N x C}
   * @param cache what {@link #backward} needs
   */
  public record Forward(double loss, double[][] preActivation, double[][] hidden, double[][] logits, Cache cache) {}

  /**
   * The gradients of the mean loss.
   *
   * @param dW1 {@code dloss/dW1}, {@code H x D}
   * @param db1 {@code dloss/db1}, length {@code H}
   * @param dW2 {@code dloss/dW2}, {@code C x H}
   * @param db2 {@code dloss/db2}, length {@code C}
   * @param dx {@code dloss/dx}, {@code N x D}
   */
  public record Gradients(double[][] dW1, double[] db1, double[][] dW2, double[] db2, double[][] dx) {}

  /**
   * Runs the network on a batch and returns the mean cross-entropy loss with the intermediates.
   *
   * @param x the input, {@code N x D} with {@code N, D >= 1}, rectangular, finite
   * @param targets the class of each row, {@code N} values in {@code [0, C)}
   * @param w1 the first layer's weights, {@code H x D} with {@code H >= 1}, finite
   * @param b1 the first layer's bias, length {@code H}, finite
   * @param w2 the second layer's weights, {@code C x H} with {@code C >= 1}, finite
   * @param b2 the second layer's bias, length {@code C}, finite
   * @return the loss, {@code z1}, {@code h}, the logits and the cache, in new arrays
   * @throws NullPointerException if an argument or a row of a matrix is null
   * @throws IllegalArgumentException with a message naming the offending argument ({@code x},
   *     {@code targets}, {@code w1}, {@code b1}, {@code w2} or {@code b2}): when a matrix is empty or
   *     ragged, when a matrix's number of columns or a bias's length does not fit the layer
   *     ({@code w1} needs {@code D} columns, {@code w2} needs {@code H}, {@code b1} length {@code H},
   *     {@code b2} length {@code C}), when {@code targets} does not have {@code N} entries or one is
   *     outside {@code [0, C)}, when a value is NaN or infinite
   */
  public static Forward forward(double[][] x, int[] targets, double[][] w1, double[] b1, double[][] w2,
      double[] b2) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement MlpBackprop.forward");
  }

  /**
   * The gradients of the forward's mean loss with respect to the weights, the biases and the input.
   *
   * @param cache the cache returned by {@link #forward}; not modified
   * @return {@code dW1}, {@code db1}, {@code dW2}, {@code db2} and {@code dx}, new arrays
   * @throws NullPointerException if {@code cache} is null
   */
  public static Gradients backward(Cache cache) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement MlpBackprop.backward");
  }
}
