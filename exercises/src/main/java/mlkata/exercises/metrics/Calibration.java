package mlkata.exercises.metrics;

/**
 * <h2>Kata: Brier score, log loss, the reliability curve and expected calibration error</h2>
 *
 * <p>A binary classifier predicted a probability {@code probs[i]} that example {@code i} is positive;
 * its true label is {@code labels[i]} (1 positive, 0 negative). A ranking metric such as AUC ignores
 * whether 0.8 really means "80% of such examples are positive"; these four measures look at exactly that.
 *
 * <p>The conventions are scikit-learn 1.2's:
 * <ul>
 *   <li><b>Brier score</b> ({@code brier_score_loss}): the mean of {@code (probs[i] - labels[i])^2}.
 *   <li><b>Log loss</b> ({@code log_loss}, default {@code eps="auto"}): each probability is first
 *       clipped to {@code [eps, 1 - eps]} with {@code eps} = the float64 machine epsilon
 *       {@code 2^-52 = 2.220446049250313e-16} ({@code Math.ulp(1.0)}; versions before 1.2 used
 *       1e-15). Then the loss is the mean of {@code -ln(p)} for positives and {@code -ln(1 - p)} for
 *       negatives, natural logarithm, {@code p} the clipped probability. A single class present is
 *       fine here (scikit-learn needs {@code labels=[0, 1]} to accept it).
 *   <li><b>Reliability curve</b> ({@code calibration_curve}): the probabilities are cut into
 *       {@code nBins} bins by {@code nBins + 1} edges {@code e_0 <= e_1 <= ... <= e_nBins}. Example
 *       {@code i} falls in bin {@code b} = the number of <em>interior</em> edges {@code e_1 ..
 *       e_(nBins-1)} strictly below {@code probs[i]} (numpy's {@code searchsorted(edges[1:-1], p)}).
 *       So bins are closed on the right: a probability equal to an edge belongs to the bin below it,
 *       the first bin takes everything up to {@code e_1} and the last bin everything above
 *       {@code e_(nBins-1)}, including 1.0. For every <b>non-empty</b> bin, in increasing order, the
 *       curve reports the fraction of positives, the mean predicted probability and the count;
 *       <b>empty bins are dropped</b>, so the arrays can be shorter than {@code nBins}.
 *   <li><b>Uniform edges</b> ({@code strategy="uniform"}): numpy's {@code linspace(0, 1, nBins + 1)},
 *       that is {@code e_i = i * (1.0 / nBins)} computed in double for {@code 0 < i < nBins}.
 *   <li><b>Quantile edges</b> ({@code strategy="quantile"}): numpy's {@code percentile(probs, q * 100)}
 *       with linear interpolation, {@code q} the uniform edges. In floating point, exactly as numpy:
 *       with {@code s} the probabilities sorted ascending and {@code N} their number, for an interior
 *       edge {@code h = (N - 1) * ((i * (1.0 / nBins)) * 100 / 100)}, {@code lo = floor(h)},
 *       {@code t = h - lo}, {@code a = s[lo]}, {@code b = s[lo + 1]} (or {@code s[N - 1]} when
 *       {@code h >= N - 1}), and {@code e_i = a + (b - a) * t} when {@code t < 0.5}, else
 *       {@code b - (b - a) * (1 - t)}. The rounding matters: for {@code [0.1, 0.2, 0.3, 0.4]} and 3
 *       bins, {@code h} comes out as {@code 0.9999999999999998}, not 1, so {@code e_1} is just below
 *       0.2 and 0.2 lands in the second bin. Tied probabilities can make edges equal and bins empty.
 *   <li><b>Expected calibration error</b> (not in scikit-learn; this kata's definition): over the
 *       non-empty bins of the reliability curve, {@code ECE = sum_b (count_b / N) *
 *       |fractionPositive_b - meanPredicted_b|}, a mean weighted by the bin counts (not a plain
 *       mean over bins).
 * </ul>
 *
 * <p><b>Non-finite values.</b> A NaN or infinite probability, or one outside {@code [0, 1]}, is
 * rejected with {@link IllegalArgumentException} (scikit-learn rejects those for the Brier score and
 * the curve; its {@code log_loss} would clip them silently). 0 and 1 are valid: log loss clips them.
 *
 * <p><b>Complexity.</b> O(n) for the Brier score and log loss; O(n log n) for the quantile curve (one
 * sort), O(n log nBins) or better for the uniform one. Do not modify the input arrays.
 *
 * <p>Example: probabilities {@code [0.05, 0.1, 0.5, 0.95, 1.0]}, labels {@code [0, 1, 1, 0, 1]},
 * 10 uniform bins. Bins: 0.05 and 0.1 go to {@code [0, 0.1]} (0.1 is an edge, so the bin below),
 * 0.5 to {@code (0.4, 0.5]}, 0.95 and 1.0 to {@code (0.9, 1]}. The curve has 3 points: fraction of
 * positives {@code [0.5, 1, 0.5]}, mean predicted {@code [0.075, 0.5, 0.975]}, counts
 * {@code [2, 1, 2]}; ECE {@code = (2 * 0.425 + 1 * 0.5 + 2 * 0.475) / 5 = 0.46}. Brier score
 * {@code (0.0025 + 0.81 + 0.25 + 0.9025 + 0) / 5 = 0.393}.
 */
public final class Calibration {
  private Calibration() {}

  /** How the reliability curve places its bin edges. */
  public enum Strategy {
    /** {@code nBins} equal-width bins over [0, 1]. */
    UNIFORM,
    /** Edges at the quantiles of the probabilities, so bins hold about equally many examples. */
    QUANTILE
  }

  /**
   * A reliability curve, three parallel arrays with one entry per non-empty bin, in bin order:
   * {@code fractionPositive[j]} (the share of labels equal to 1), {@code meanPredicted[j]} (the mean
   * probability) and {@code counts[j]} (the number of examples) of that bin.
   */
  public record Reliability(double[] fractionPositive, double[] meanPredicted, int[] counts) {}

  /**
   * Computes the Brier score, the mean squared difference between probability and label.
   *
   * @param probs one predicted probability of the positive class per example, in [0, 1]
   * @param labels one label per example, 0 or 1
   * @return the Brier score, in [0, 1]
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException with a message naming {@code probs} or {@code labels}: when their
   *     lengths differ or they are empty, a probability is NaN, infinite or outside [0, 1], or a label is
   *     not 0 or 1
   */
  public static double brierScore(double[] probs, int[] labels) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Calibration.brierScore");
  }

  /**
   * Computes the log loss (binary cross-entropy) with scikit-learn 1.2's clipping.
   *
   * @param probs one predicted probability of the positive class per example, in [0, 1]
   * @param labels one label per example, 0 or 1
   * @return the mean negative log-likelihood in nats, at most {@code -ln(2^-52)}, about 36.04
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException exactly as {@link #brierScore}
   */
  public static double logLoss(double[] probs, int[] labels) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Calibration.logLoss");
  }

  /**
   * Computes the reliability curve as scikit-learn's {@code calibration_curve}, with the counts.
   *
   * @param probs one predicted probability of the positive class per example, in [0, 1]
   * @param labels one label per example, 0 or 1
   * @param nBins the number of bins, at least 1
   * @param strategy where the bin edges go
   * @return one entry per non-empty bin, in increasing bin order
   * @throws NullPointerException if an array or {@code strategy} is null
   * @throws IllegalArgumentException as {@link #brierScore}, and with a message naming {@code nBins}
   *     when it is below 1
   */
  public static Reliability calibrationCurve(double[] probs, int[] labels, int nBins, Strategy strategy) {
    throw new UnsupportedOperationException(
        "Not implemented yet: delete this line and implement Calibration.calibrationCurve");
  }

  /**
   * Computes the expected calibration error over the bins of {@link #calibrationCurve}.
   *
   * @param probs one predicted probability of the positive class per example, in [0, 1]
   * @param labels one label per example, 0 or 1
   * @param nBins the number of bins, at least 1
   * @param strategy where the bin edges go
   * @return the count-weighted mean of |fraction of positives - mean probability| over the bins, in [0, 1]
   * @throws NullPointerException if an array or {@code strategy} is null
   * @throws IllegalArgumentException exactly as {@link #calibrationCurve}
   */
  public static double expectedCalibrationError(double[] probs, int[] labels, int nBins, Strategy strategy) {
    throw new UnsupportedOperationException(
        "Not implemented yet: delete this line and implement Calibration.expectedCalibrationError");
  }
}
