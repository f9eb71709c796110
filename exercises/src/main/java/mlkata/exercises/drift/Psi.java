package mlkata.exercises.drift;

/**
 * <h2>Kata: population stability index, KL divergence and Jensen-Shannon distance</h2>
 *
 * <p>A model was trained on a baseline population; production data drifts. Three ways to put a number
 * on how far today's distribution is from the baseline's:
 *
 * <p><b>Binning.</b> {@code cuts} are strictly increasing cut points {@code c_0 < c_1 < ... < c_{B-2}};
 * they define {@code B = cuts.length + 1} bins, half-open and with open-ended outer bins:
 * bin 0 is {@code (-inf, c_0)}, bin {@code k} is {@code [c_{k-1}, c_k)}, the last bin is
 * {@code [c_{B-2}, +inf)}. A value equal to a cut point falls in the bin above it (NumPy's
 * {@code np.digitize(x, cuts)} numbering). With no cut points there is one bin holding everything.
 * In practice the cuts are the baseline's deciles; here the caller chooses them.
 *
 * <p><b>PSI.</b> With {@code e_k} and {@code a_k} the fractions of the expected (baseline) and actual
 * values in bin {@code k}, each first floored at {@code epsilon} ({@code max(fraction, epsilon)}, no
 * renormalization afterwards, so an empty bin does not give a logarithm of zero):
 * {@code PSI = sum over k of (a_k - e_k) * ln(a_k / e_k)}. Every term is {@code >= 0}, and PSI is
 * symmetric in its two samples. Rule of thumb: below 0.1 stable, 0.1 to 0.25 moderate shift, above 0.25
 * a significant shift. No library we use implements PSI: the grader's goldens are this formula written
 * independently with NumPy.
 *
 * <p><b>KL divergence</b>, as SciPy's {@code scipy.stats.entropy(p, q)} (natural log): both weight vectors
 * are first normalized to sum to one, then {@code KL(p || q) = sum of p_k ln(p_k / q_k)}, where a term
 * with {@code p_k = 0} is 0 (whatever {@code q_k}) and a term with {@code p_k > 0} and {@code q_k = 0}
 * makes the result {@code +Infinity}. KL is not symmetric.
 *
 * <p><b>Jensen-Shannon distance</b>, as SciPy's {@code scipy.spatial.distance.jensenshannon(p, q)}
 * (natural log): normalize both, {@code m = (p + q) / 2}, and return the square root of the divergence,
 * {@code sqrt((KL(p || m) + KL(q || m)) / 2)}. It is symmetric, finite, between 0 and
 * {@code sqrt(ln 2)}, and a metric. Should rounding make the divergence a hair below zero, return 0
 * (SciPy would return NaN there).
 *
 * <p><b>Non-finite values.</b> Sample values may be infinite (they land in the outer bins) but not NaN.
 * Cut points must be finite. Weights for KL and JS must be finite and {@code >= 0} with a positive sum.
 * Anything else is rejected with {@link IllegalArgumentException}.
 *
 * <p><b>Complexity.</b> Binning {@code n} values into {@code B} bins: expected O(n log B) or
 * O((n + B) log n) time; the grader bins a million values into 10^5 bins and fails an O(n * B)
 * answer. KL and JS are O(length). Do not modify the inputs.
 *
 * <p>Example: expected {@code [1, 2, 3, 4]}, actual {@code [1, 3, 3, 3]}, cuts {@code [2.5]}: expected
 * fractions {@code [0.5, 0.5]}, actual {@code [0.25, 0.75]},
 * {@code PSI = (0.25 - 0.5) ln(0.5) + (0.75 - 0.5) ln(1.5) = 0.25 ln 3 = 0.2747}. KL of the actual fractions
 * from the expected ones: {@code 0.25 ln 0.5 + 0.75 ln 1.5 = 0.1308}.
 */
public final class Psi {
  private Psi() {}

  /**
   * The fraction of {@code values} in each of the {@code cuts.length + 1} bins (no epsilon floor).
   *
   * @param values the sample, any order; NaN not allowed
   * @param cuts strictly increasing finite cut points, possibly none
   * @return {@code cuts.length + 1} fractions summing to one
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException with a message naming {@code values} (empty, or holding a NaN) or
   *     {@code cuts} (a non-finite cut, or cuts not strictly increasing)
   */
  public static double[] proportions(double[] values, double[] cuts) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Psi.proportions");
  }

  /**
   * The population stability index between a baseline and a current sample.
   *
   * @param expected the baseline sample
   * @param actual the current sample
   * @param cuts strictly increasing finite cut points, possibly none
   * @param epsilon the floor for each bin fraction, such as {@code 1e-4}; in {@code (0, 1]}
   * @return PSI, {@code >= 0}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException with a message naming {@code expected}, {@code actual} (empty, or
   *     holding a NaN), {@code cuts} (as in {@link #proportions}) or {@code epsilon} (not in (0, 1])
   */
  public static double psi(double[] expected, double[] actual, double[] cuts, double epsilon) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Psi.psi");
  }

  /**
   * The Kullback-Leibler divergence {@code KL(p || q)} after normalizing both, natural log.
   *
   * @param p weights of the first distribution
   * @param q weights of the second distribution, same length
   * @return the divergence, {@code >= 0}, {@code +Infinity} when {@code q} misses mass that {@code p} has
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException with a message naming {@code p} or {@code q}: when the lengths
   *     differ, a vector is empty, a weight is negative, NaN or infinite, or the weights sum to zero
   */
  public static double klDivergence(double[] p, double[] q) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Psi.klDivergence");
  }

  /**
   * The Jensen-Shannon distance (square root of the divergence) after normalizing both, natural log.
   *
   * @param p weights of the first distribution
   * @param q weights of the second distribution, same length
   * @return the distance, in {@code [0, sqrt(ln 2)]}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException exactly as {@link #klDivergence}
   */
  public static double jensenShannonDistance(double[] p, double[] q) {
    throw new UnsupportedOperationException(
        "Not implemented yet: delete this line and implement Psi.jensenShannonDistance");
  }
}
