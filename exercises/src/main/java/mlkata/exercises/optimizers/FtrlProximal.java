package mlkata.exercises.optimizers;

/**
 * <h2>Kata: one online step of FTRL-Proximal for sparse logistic regression</h2>
 *
 * <p>FTRL-Proximal ("Follow The Regularized Leader") is the online learner behind large click-through
 * models: billions of sparse binary features, one pass over the data, and an L1 penalty that keeps most
 * weights exactly zero. It does not store the weights. For every coordinate {@code i} it keeps two
 * numbers, {@code z[i]} (the accumulated gradient, corrected for how the weight moved) and {@code n[i]}
 * (the sum of squared gradients), and computes the weight from them when it is needed.
 *
 * <p>This kata follows Algorithm 1 of McMahan et al., "Ad Click Prediction: a View from the Trenches"
 * (KDD 2013), with hyperparameters {@code alpha}, {@code beta}, {@code l1}, {@code l2}. The contract:
 * <ul>
 *   <li><b>The weight</b> of a coordinate with state {@code (z, n)} is the {@code w} that minimizes
 *       {@code z * w + l1 * |w| + (1/2) * ((beta + sqrt(n)) / alpha + l2) * w^2}, the paper's
 *       per-coordinate objective. It is exactly zero whenever {@code |z| <= l1} (the test is
 *       {@code <=}, as in the paper); a zero weight may be {@code 0.0} or {@code -0.0}. Finding the
 *       minimizer in closed form is part of the kata.
 *   <li><b>One step processes one example</b>, given sparsely as feature {@code indices} with their
 *       {@code values} (every feature not listed is 0), and its label {@code y} in {0, 1}. The
 *       prediction is {@code p = sigmoid(w . x) = 1 / (1 + exp(-w . x))}, with every weight computed
 *       from the state <i>before</i> this example; {@code p} is what the model would have served and
 *       is returned with the new state.
 *   <li><b>The loss</b> is the log loss of {@code p} against {@code y}; each listed coordinate receives
 *       its gradient {@code g} with respect to its own weight.
 *   <li><b>What the state holds.</b> {@code n[i]} is the sum of the squared gradients {@code g^2} the
 *       coordinate has received. {@code z[i]} is the sum of those gradients, each corrected by
 *       subtracting {@code sigma * w}, where {@code w} is the weight used for that example's prediction
 *       (not recomputed after the update) and {@code sigma} is how much that example's {@code g^2}
 *       increased the coordinate's inverse learning rate {@code (beta + sqrt(n)) / alpha}.
 *   <li><b>Sparse updates.</b> Features that are not listed keep their {@code z} and {@code n} exactly:
 *       the cost of a step depends on the number of features in the example, which is what makes FTRL
 *       practical on huge sparse inputs. A listed feature with value 0 receives a zero gradient and so
 *       changes nothing, as if it were absent. An empty example has {@code p = 0.5} and leaves the state
 *       as it was.
 * </ul>
 *
 * <p><b>Other libraries.</b> TensorFlow's {@code Ftrl} optimizer (tf.keras, {@code ApplyFtrl}) implements
 * the same method with a different parametrization: its L2 term enters the denominator as
 * {@code 2 * l2} (it penalizes {@code l2 * w^2}, where the paper's denominator corresponds to
 * {@code l2 / 2 * w^2}); its accumulator {@code n} starts at {@code initial_accumulator_value = 0.1}, not 0;
 * it generalizes {@code sqrt(n)} to {@code n^(-learning_rate_power)} with a default power of -0.5; its
 * {@code beta} defaults to 0; and it stores the weight as a variable updated after each step rather than
 * recomputing it from {@code z} and {@code n}. It also applies to any loss, while this kata includes
 * the logistic-loss gradient. None of the libraries the grader uses implements FTRL, so the golden values
 * come from an independent numpy transcription of the paper's Algorithm 1.
 *
 * <p><b>Immutability.</b> Never modify {@code indices}, {@code values} or the arrays of {@code state}:
 * return new arrays.
 *
 * <p><b>Non-finite values.</b> {@code z} entries and feature values must be finite and {@code n}
 * entries finite and {@code >= 0}, otherwise {@link IllegalArgumentException}; hyperparameters must be
 * finite and in range (see {@link Config}); NaN anywhere is rejected. A very large score saturates the
 * sigmoid to exactly 0 or 1, which is fine: {@code 1 / (1 + exp(-s))} never produces NaN for a finite
 * {@code s}.
 *
 * <p><b>Complexity.</b> O(d + k) time and memory per step for {@code d} coordinates and {@code k}
 * listed features: O(k) for the algorithm itself, plus copying the state because this kata returns new
 * arrays (production code updates {@code z} and {@code n} in place, often in a hash map).
 *
 * <p>Example, {@code alpha = 0.1}, {@code beta = 1}, {@code l1 = 0.6}, {@code l2 = 0}, three features
 * from {@link State#initial(int) State.initial(3)}. Example 1 has {@code indices = [0, 2]},
 * {@code values = [1, 2]}, {@code y = 1}: every weight is 0, so {@code p = 0.5}, {@code g = [-0.5, -1]}
 * for features 0 and 2, {@code sigma = [5, 10]}, and the new state is {@code z = [-0.5, 0, -1]},
 * {@code n = [0.25, 0, 1]}. Now {@code weight(-0.5, 0.25) = 0} (as {@code 0.5 <= 0.6}) and
 * {@code weight(-1, 1) = 0.4 / 20 = 0.02}. Example 2 has {@code indices = [2, 1]},
 * {@code values = [1, -1]}, {@code y = 0}: {@code s = 0.02}, {@code p = sigmoid(0.02) = 0.50499983...},
 * feature 2 gets {@code g = p}, {@code z = -1 + p - sigma * 0.02 = -0.51905594...},
 * {@code n = 1 + p^2}, and feature 1 gets {@code z = -p}, {@code n = p^2}. Feature 0 is untouched. Both
 * {@code |z|} are now below 0.6, so every weight is back to exactly 0.
 */
public final class FtrlProximal {
  private FtrlProximal() {}

  /**
   * Hyperparameters, as named in the paper.
   *
   * @param alpha learning-rate scale, finite and {@code > 0}
   * @param beta learning-rate offset (keeps the first steps finite), finite and {@code > 0}
   * @param l1 L1 strength, the threshold below which a weight is exactly 0, finite and {@code >= 0}
   * @param l2 L2 strength, added to the denominator, finite and {@code >= 0}
   */
  public record Config(double alpha, double beta, double l1, double l2) {}

  /**
   * The per-coordinate state.
   *
   * @param z accumulated gradients, each corrected by {@code sigma * w}, one per coordinate
   * @param n sums of squared gradients, one per coordinate
   */
  public record State(double[] z, double[] n) {

    /**
     * The state before the first example.
     *
     * @param size number of coordinates (features)
     * @return zero arrays of length {@code size}
     * @throws IllegalArgumentException with a message naming {@code size} if it is negative
     */
    public static State initial(int size) {
      throw new UnsupportedOperationException(
          "Not implemented yet: delete this line and implement FtrlProximal.State.initial");
    }
  }

  /**
   * The result of one step.
   *
   * @param probability the prediction {@code sigmoid(w . x)} made with the weights before the update
   * @param state the new state (new arrays)
   */
  public record Step(double probability, State state) {}

  /**
   * The weight of one coordinate, computed lazily from its state.
   *
   * @param z the coordinate's {@code z}
   * @param n the coordinate's {@code n}
   * @param config hyperparameters
   * @return the minimizer of {@code z * w + l1 * |w| + (1/2) * ((beta + sqrt(n)) / alpha + l2) * w^2}:
   *     exactly 0 when {@code |z| <= l1}
   * @throws NullPointerException if {@code config} is null
   * @throws IllegalArgumentException with a message naming the offending argument: {@code z} when not
   *     finite; {@code n} when negative or not finite; {@code alpha}, {@code beta}, {@code l1} or
   *     {@code l2} when out of range (see {@link Config}) or NaN
   */
  public static double weight(double z, double n, Config config) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement FtrlProximal.weight");
  }

  /**
   * Processes one example: predicts, then updates the state of the example's features.
   *
   * @param state the state after the previous examples, or {@link State#initial(int)}
   * @param indices the example's feature indices, distinct, in {@code [0, d)}, any order
   * @param values the feature values, {@code values[j]} for feature {@code indices[j]}
   * @param label the true label, 0 or 1
   * @param config hyperparameters
   * @return the probability predicted before the update and the new state; the inputs are left untouched
   * @throws NullPointerException if an argument or an array inside {@code state} is null
   * @throws IllegalArgumentException with a message naming the offending argument: {@code state} when
   *     {@code z} and {@code n} differ in length, an entry of {@code z} is not finite, or an entry of
   *     {@code n} is negative or not finite; {@code indices} when an index is outside {@code [0, d)} or
   *     repeated; {@code values} when its length differs from {@code indices}'s or an entry is not
   *     finite; {@code label} when it is not 0 or 1; {@code alpha}, {@code beta}, {@code l1} or
   *     {@code l2} when out of range (see {@link Config}) or NaN
   */
  public static Step step(State state, int[] indices, double[] values, int label, Config config) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement FtrlProximal.step");
  }
}
