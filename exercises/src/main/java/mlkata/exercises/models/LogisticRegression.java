package mlkata.exercises.models;

import java.util.random.RandomGenerator;

/**
 * <h2>Kata: logistic regression: sigmoid, log loss, gradient and mini-batch SGD</h2>
 *
 * <p>Binary logistic regression models {@code P(y = 1 | x) = sigmoid(z)} with the logit
 * {@code z = x . w + b}, {@code sigmoid(z) = 1 / (1 + exp(-z))}. Labels are 0 and 1. The design matrix
 * {@code x} has {@code n} rows and {@code d} features.
 *
 * <p><b>Loss</b> ({@link #logLoss}). The mean log loss (binary cross-entropy) plus an L2 penalty on
 * the weights only:
 * <pre>  L = (1/n) sum_i [ -y_i log p_i - (1 - y_i) log(1 - p_i) ] + (lambda / 2) ||w||^2</pre>
 * The bias {@code b} is <em>not</em> penalised, and the penalty carries {@code lambda / 2} so that its
 * gradient is {@code lambda w}. (scikit-learn's {@code LogisticRegression} writes the same penalty as
 * {@code C}: its objective is this one times {@code n} with {@code lambda = 1 / (C n)}. Its
 * {@code log_loss} is the first term.) The loss must be computed from the logit: the graded inputs
 * include {@code |z| = 800}, where {@code exp(|z|)} overflows and {@code p} rounds to exactly 0 or 1,
 * yet the loss of a point with {@code z = -800}, {@code y = 1} is 800 (not infinity, not NaN) and
 * with {@code z = 800}, {@code y = 1} it is 0.
 *
 * <p><b>Gradient</b> ({@link #logLossGradient}). {@code dL/dw = (1/n) X^T (p - y) + lambda w} and
 * {@code dL/db = (1/n) sum_i (p_i - y_i)}.
 *
 * <p><b>Sigmoid</b> ({@link #sigmoid}) must not overflow or produce NaN for any non-NaN {@code z}:
 * {@code sigmoid(-800) = 0}, {@code sigmoid(800) = 1}, {@code sigmoid(+-Infinity) = 1, 0}, and for
 * {@code z = -40} it returns about {@code 4.25e-18} to full relative precision (not 0).
 *
 * <p><b>Prediction</b> ({@link #predict}) is class 1 when {@code p > 0.5}, that is when the logit is
 * strictly positive; a logit of exactly 0 is class 0 (scikit-learn's {@code decision_function > 0}).
 *
 * <p><b>Training</b> ({@link #train}). Start from {@code w = 0}, {@code b = 0}. Each epoch:
 * <ol>
 *   <li>Draws a fresh order of the samples: start from {@code [0, 1, ..., n-1]} and for {@code i}
 *       from {@code n-1} down to 1 swap positions {@code i} and {@code rng.nextInt(i + 1)}; nothing
 *       else is drawn from {@code rng}. (The golden generator replays this from the same
 *       {@code java.util.Random} seed.)
 *   <li>Cuts the order into consecutive batches of {@code batchSize}, the last one shorter if needed.
 *   <li>For each batch: {@code w -= learningRate * dL_B/dw}, {@code b -= learningRate * dL_B/db}, with
 *       {@code L_B} the loss above over the batch only (its mean over the batch's own size, plus the
 *       full penalty {@code (lambda/2)||w||^2}), at the parameters before the step. This is
 *       {@code torch.optim.SGD} on that loss.
 *   <li>Records the loss {@code L} over all {@code n} samples after the epoch.
 * </ol>
 *
 * <p><b>Non-finite values.</b> Features, weights and the bias must be finite and {@code lambda} and
 * {@code learningRate} finite; otherwise {@link IllegalArgumentException}. {@code sigmoid} accepts
 * infinities and rejects NaN. Finite inputs never produce NaN or infinity from {@code logLoss} and
 * {@code logLossGradient}, however large the logits. A learning rate too large for {@code lambda}
 * (above {@code 2 / lambda}, say) can make {@link #train} diverge; its values are then returned as
 * computed, infinite or NaN, not rejected.
 *
 * <p><b>Complexity.</b> {@code logLoss}, {@code logLossGradient}, {@code predictProba},
 * {@code predict}: O(n d). {@code train}: O(epochs n d). Do not modify the inputs.
 *
 * <p>Example: {@code x = [[1], [-1]]}, {@code y = [1, 0]}, {@code w = [0]}, {@code b = 0}: both
 * probabilities are 1/2, the loss is {@code ln 2 ~ 0.6931} and the gradient is
 * {@code dw = ((1/2 - 1) * 1 + (1/2 - 0) * (-1)) / 2 = -1/2}, {@code db = 0}. With {@code w = [2]},
 * {@code lambda = 0.5} the penalty adds {@code 0.25 * 4 = 1} to the loss and {@code 0.5 * 2 = 1} to
 * {@code dw}.
 */
public final class LogisticRegression {
  private LogisticRegression() {}

  /** The gradient of the penalised loss: one entry per weight, and the bias. */
  public record Gradient(double[] weights, double bias) {}

  /**
   * The outcome of {@link #train}: final parameters and {@code losses[e]}, the penalised loss over all
   * samples after epoch {@code e}.
   */
  public record Training(double[] weights, double bias, double[] losses) {}

  /**
   * The logistic function, without overflow.
   *
   * @param z any logit, infinities included
   * @return {@code 1 / (1 + exp(-z))}, in {@code [0, 1]}
   * @throws IllegalArgumentException with a message naming {@code z} if it is NaN
   */
  public static double sigmoid(double z) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement LogisticRegression.sigmoid");
  }

  /**
   * The probability of class 1 for every row.
   *
   * @param x rows, {@code m x d} ({@code m} may be 0), finite
   * @param weights the {@code d} weights, finite
   * @param bias the bias, finite
   * @return a new array of {@code m} probabilities {@code sigmoid(x_i . w + b)}
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException with a message naming {@code x} (ragged, no columns, non-finite),
   *     {@code weights} (length not {@code d}, non-finite) or {@code bias} (not finite)
   */
  public static double[] predictProba(double[][] x, double[] weights, double bias) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement LogisticRegression.predictProba");
  }

  /**
   * The predicted class of every row: 1 when {@code x_i . w + b > 0} (probability above one half),
   * else 0.
   *
   * @param x rows, {@code m x d} ({@code m} may be 0), finite
   * @param weights the {@code d} weights, finite
   * @param bias the bias, finite
   * @return a new array of {@code m} labels
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException exactly as {@link #predictProba}
   */
  public static int[] predict(double[][] x, double[] weights, double bias) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement LogisticRegression.predict");
  }

  /**
   * The mean log loss plus {@code (lambda/2) ||w||^2}, computed stably from the logits.
   *
   * @param x the design matrix, {@code n x d}, {@code n >= 1}, finite
   * @param y the {@code n} labels, each 0 or 1
   * @param weights the {@code d} weights, finite
   * @param bias the bias, finite (not penalised)
   * @param lambda the L2 strength, finite and {@code >= 0}
   * @return the loss, finite and {@code >= 0}
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException with a message naming {@code x} (no rows, as
   *     {@link #predictProba}), {@code y} (length differs, a label not 0 or 1), {@code weights},
   *     {@code bias} or {@code lambda} (negative or not finite)
   */
  public static double logLoss(double[][] x, int[] y, double[] weights, double bias, double lambda) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement LogisticRegression.logLoss");
  }

  /**
   * The gradient of {@link #logLoss} with respect to the weights and the bias.
   *
   * @param x the design matrix, {@code n x d}, {@code n >= 1}, finite
   * @param y the {@code n} labels, each 0 or 1
   * @param weights the {@code d} weights, finite
   * @param bias the bias, finite
   * @param lambda the L2 strength, finite and {@code >= 0}
   * @return {@code (1/n) X^T (p - y) + lambda w} and {@code (1/n) sum (p - y)} (new arrays)
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException exactly as {@link #logLoss}
   */
  public static Gradient logLossGradient(double[][] x, int[] y, double[] weights, double bias, double lambda) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement LogisticRegression.logLossGradient");
  }

  /**
   * Mini-batch SGD on the penalised loss from zero parameters, in the batch order the class
   * documentation pins.
   *
   * @param x the design matrix, {@code n x d}, {@code n >= 1}, finite
   * @param y the {@code n} labels, each 0 or 1
   * @param lambda the L2 strength, finite and {@code >= 0}
   * @param batchSize samples per step, {@code 1 .. n}
   * @param epochs passes over the data, {@code >= 0}
   * @param learningRate the step size, finite and {@code > 0}
   * @param rng the source of each epoch's order: exactly {@code n - 1} calls of {@code nextInt(i + 1)}
   *     per epoch, for {@code i = n-1 .. 1}
   * @return the final weights and bias and the loss after every epoch
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException with a message naming {@code x}, {@code y} or {@code lambda} (as
   *     {@link #logLoss}), {@code batchSize}, {@code epochs} or {@code learningRate}
   */
  public static Training train(double[][] x, int[] y, double lambda, int batchSize, int epochs, double learningRate,
      RandomGenerator rng) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement LogisticRegression.train");
  }
}
