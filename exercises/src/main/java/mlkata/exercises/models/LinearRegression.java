package mlkata.exercises.models;

import java.util.random.RandomGenerator;

/**
 * <h2>Kata: linear regression by the normal equation and by gradient descent</h2>
 *
 * <p>A linear model predicts {@code yhat_i = x_i . w + b} for a row {@code x_i} of the design matrix
 * {@code x} ({@code n} rows, {@code d} features), weights {@code w} (length {@code d}) and an intercept
 * {@code b}. This kata fits it two ways and computes the loss they minimise. The JDK only: no matrix
 * library, you write the linear solve yourself.
 *
 * <p><b>Closed form with a ridge penalty</b> ({@link #fitNormalEquation}). The convention is
 * scikit-learn's {@code Ridge(alpha, fit_intercept=True)} ({@code LinearRegression} when
 * {@code alpha = 0}). It minimises the <em>sum</em> (not the mean) of squared residuals plus
 * {@code alpha ||w||^2}:
 * <pre>  sum_i (y_i - x_i . w - b)^2 + alpha * sum_j w_j^2</pre>
 * The intercept is fitted but <em>not</em> penalised. The way to get that is to centre the data: with
 * {@code xbar} the column means and {@code ybar} the mean target, solve
 * {@code (Xc^T Xc + alpha I) w = Xc^T yc} for the centred {@code Xc = x - xbar}, {@code yc = y - ybar},
 * then {@code b = ybar - xbar . w}. (Appending a column of ones and penalising everything shrinks the
 * intercept too: a different, wrong, model.) Solve the {@code d x d} system with Gaussian elimination
 * or a Cholesky factorisation; do not invert the matrix.
 *
 * <p><b>Singular systems.</b> With {@code alpha = 0} the matrix {@code Xc^T Xc} is singular when a
 * feature is constant, a feature is a linear combination of others, or {@code n <= d}: least squares
 * then has infinitely many solutions and this kata rejects the input with an
 * {@link IllegalArgumentException} naming {@code x} (scikit-learn would return the minimum-norm one).
 * Pinned test: the system counts as singular when, during elimination without row exchanges (or
 * Cholesky), a pivot is at most {@code 1e-10} times the largest diagonal entry of
 * {@code Xc^T Xc + alpha I}. The grader only uses systems that are exactly singular or clearly
 * regular. Any {@code alpha > 0} makes the system regular.
 *
 * <p><b>Loss and gradient</b> ({@link #mseLoss}, {@link #mseGradient}). The mean squared error
 * {@code L = (1/n) sum_i r_i^2} with residual {@code r_i = x_i . w + b - y_i} (torch's
 * {@code mse_loss}; no factor 1/2). Its gradient is {@code dL/dw = (2/n) X^T r} and
 * {@code dL/db = (2/n) sum_i r_i}.
 *
 * <p><b>Gradient descent</b> ({@link #gradientDescent}). Start from {@code w = 0}, {@code b = 0}. Each
 * of the {@code epochs} epochs:
 * <ol>
 *   <li>Draws a fresh order of the samples: start from {@code [0, 1, ..., n-1]} and for {@code i}
 *       from {@code n-1} down to 1 swap positions {@code i} and {@code rng.nextInt(i + 1)}. That is
 *       {@code n-1} calls of {@code nextInt}, and nothing else is drawn from {@code rng}, ever. (This is
 *       how the golden generator replays your run from the same {@code java.util.Random} seed.)
 *   <li>Cuts that order into consecutive batches of {@code batchSize}, the last one shorter when
 *       {@code batchSize} does not divide {@code n}.
 *   <li>For each batch in turn: {@code w -= learningRate * dL_B/dw}, {@code b -= learningRate *
 *       dL_B/db}, where {@code L_B} is the MSE over that batch only (mean over its own size), evaluated
 *       at the parameters before this step.
 *   <li>Records the MSE over all {@code n} samples with the parameters at the end of the epoch.
 * </ol>
 * {@code batchSize = n} is plain (full-batch) gradient descent; {@code batchSize = 1} is stochastic
 * gradient descent. No penalty is added during gradient descent.
 *
 * <p><b>Non-finite values.</b> Every feature, target, weight and the intercept must be finite, and
 * {@code alpha} and {@code learningRate} finite too; otherwise {@link IllegalArgumentException}. A
 * learning rate that is too large makes gradient descent diverge: the values may then grow to
 * infinity or NaN, which is returned as computed, not rejected.
 *
 * <p><b>Complexity.</b> {@code fitNormalEquation} O(n d^2 + d^3) time and O(d^2) memory;
 * {@code mseLoss}, {@code mseGradient}, {@code predict} O(n d); {@code gradientDescent} O(epochs n d).
 * Do not modify the inputs.
 *
 * <p>Example: {@code x = [[0], [1], [2], [3]]}, {@code y = [1, 3, 5, 7]} lie on {@code y = 2x + 1}, so
 * {@code fitNormalEquation(x, y, 0)} gives {@code w = [2]}, {@code b = 1}. With {@code alpha = 2}:
 * {@code xbar = 1.5}, {@code Xc^T Xc = 5}, {@code Xc^T yc = 10}, so {@code w = 10 / 7} and
 * {@code b = 4 - 1.5 * 10/7 = 13/7}. At {@code w = [0]}, {@code b = 0} the MSE is
 * {@code (1 + 9 + 25 + 49) / 4 = 21} and its gradient is {@code dw = -2 (0 + 3 + 10 + 21) / 4 = -17},
 * {@code db = -2 (1 + 3 + 5 + 7) / 4 = -8}.
 */
public final class LinearRegression {
  private LinearRegression() {}

  /** Fitted parameters: one weight per feature ({@code weights.length == d}) and the intercept. */
  public record Fit(double[] weights, double intercept) {}

  /** The gradient of the loss with respect to the weights (length {@code d}) and to the intercept. */
  public record Gradient(double[] weights, double intercept) {}

  /**
   * The outcome of gradient descent: the final parameters and {@code losses[e]}, the MSE over all
   * samples after epoch {@code e} ({@code losses.length == epochs}).
   */
  public record Training(double[] weights, double intercept, double[] losses) {}

  /**
   * Fits ridge regression (ordinary least squares when {@code alpha = 0}) in closed form, the intercept
   * unpenalised.
   *
   * @param x the design matrix, {@code n x d} with {@code n >= 1}, {@code d >= 1}, finite
   * @param y the {@code n} targets, finite
   * @param alpha the ridge penalty, finite and {@code >= 0}; it multiplies {@code ||w||^2} next to the
   *     sum (not the mean) of squared residuals
   * @return the weights and intercept minimising that objective
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException with a message naming {@code x} (no rows or columns, ragged,
   *     non-finite, or a singular system when {@code alpha = 0}), {@code y} (length differs from the
   *     rows of {@code x}, non-finite) or {@code alpha} (negative or not finite)
   */
  public static Fit fitNormalEquation(double[][] x, double[] y, double alpha) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement LinearRegression.fitNormalEquation");
  }

  /**
   * Predicts {@code x_i . w + b} for every row.
   *
   * @param x the rows to predict, {@code m x d} ({@code m} may be 0), finite
   * @param weights the {@code d} weights, finite
   * @param intercept the intercept, finite
   * @return a new array of {@code m} predictions
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException with a message naming {@code x} (ragged, no columns, non-finite),
   *     {@code weights} (length not {@code d}, non-finite) or {@code intercept} (not finite)
   */
  public static double[] predict(double[][] x, double[] weights, double intercept) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement LinearRegression.predict");
  }

  /**
   * The mean squared error {@code (1/n) sum_i (x_i . w + b - y_i)^2}.
   *
   * @param x the design matrix, {@code n x d}, {@code n >= 1}, finite
   * @param y the {@code n} targets, finite
   * @param weights the {@code d} weights, finite
   * @param intercept the intercept, finite
   * @return the MSE, {@code >= 0}
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException with a message naming {@code x}, {@code y}, {@code weights} or
   *     {@code intercept}, as {@link #fitNormalEquation} and {@link #predict}
   */
  public static double mseLoss(double[][] x, double[] y, double[] weights, double intercept) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement LinearRegression.mseLoss");
  }

  /**
   * The gradient of {@link #mseLoss}: {@code (2/n) X^T r} for the weights and {@code (2/n) sum r} for
   * the intercept, {@code r} the residuals {@code x_i . w + b - y_i}.
   *
   * @param x the design matrix, {@code n x d}, {@code n >= 1}, finite
   * @param y the {@code n} targets, finite
   * @param weights the {@code d} weights, finite
   * @param intercept the intercept, finite
   * @return the gradient (new arrays)
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException exactly as {@link #mseLoss}
   */
  public static Gradient mseGradient(double[][] x, double[] y, double[] weights, double intercept) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement LinearRegression.mseGradient");
  }

  /**
   * Mini-batch gradient descent on the MSE from zero parameters, in the batch order the class
   * documentation pins.
   *
   * @param x the design matrix, {@code n x d}, {@code n >= 1}, finite
   * @param y the {@code n} targets, finite
   * @param batchSize samples per step, {@code 1 .. n}
   * @param epochs passes over the data, {@code >= 0} (0 returns zeros and no losses)
   * @param learningRate the step size, finite and {@code > 0}
   * @param rng the source of each epoch's order: exactly {@code n - 1} calls of {@code nextInt(i + 1)}
   *     per epoch, for {@code i = n-1 .. 1}
   * @return the final weights and intercept and the MSE after every epoch
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException with a message naming {@code x} or {@code y} (as
   *     {@link #fitNormalEquation}), {@code batchSize}, {@code epochs} or {@code learningRate}
   */
  public static Training gradientDescent(double[][] x, double[] y, int batchSize, int epochs, double learningRate,
      RandomGenerator rng) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement LinearRegression.gradientDescent");
  }
}
