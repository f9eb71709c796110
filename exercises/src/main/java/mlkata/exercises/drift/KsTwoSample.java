package mlkata.exercises.drift;

/**
 * <h2>Kata: the two-sample Kolmogorov-Smirnov statistic, from scratch</h2>
 *
 * <p>Has a feature drifted? Compare a sample {@code a} (say, last month's values) with a sample
 * {@code b} (today's) without assuming any distribution. The empirical CDF of a sample of size
 * {@code n} is {@code F(v) = (number of elements <= v) / n}, a right-continuous step function. The
 * KS statistic is the largest vertical gap between the two step functions:
 * {@code D = max over v of |F_a(v) - F_b(v)|}, the maximum over every real {@code v}.
 *
 * <p>The conventions are SciPy 1.10's {@code scipy.stats.ks_2samp(a, b)} (two-sided):
 * <ul>
 *   <li>{@code statistic} is {@code D}, in [0, 1].
 *   <li>{@code sign} is +1 when the largest gap has {@code F_a > F_b} (that is
 *       {@code max(F_a - F_b) = D}) and -1 when {@code F_b > F_a}. When both directions reach the same
 *       gap, including when {@code D = 0}, the sign is +1.
 *   <li>{@code location} is the pooled value where the gap is taken: the smallest value {@code v} with
 *       {@code F_a(v) - F_b(v) = sign * D}. (SciPy's {@code statistic_location} agrees except in one
 *       corner: with sign -1 it prefers a value that also occurs in {@code a}, even when a smaller
 *       value of {@code b} alone reaches the same gap. This kata always takes the smallest value.)
 *   <li>{@code pValue} is the asymptotic p-value from the Kolmogorov limiting distribution:
 *       {@code Q(sqrt(n * m / (n + m)) * D)} where {@link #kolmogorovSurvival(double) Q} is the
 *       survival function below (SciPy's {@code kstwobign.sf}, the classic large-sample p-value).
 *       SciPy's {@code ks_2samp} itself returns a different p-value (an exact one for small samples,
 *       and for {@code method='asymp'} the finite-n distribution {@code kstwo.sf(D, round(n*m/(n+m)))});
 *       the two agree only as the samples grow.
 * </ul>
 *
 * <p><b>Exact ties between gaps.</b> The sign and location rules above are about the exact gaps, which
 * are fractions {@code (i * m - j * n) / (n * m)}, {@code i} and {@code j} counting the values of
 * {@code a} and of {@code b} at or below the pooled value. Two gaps are tied when those fractions are
 * equal, not when their rounded doubles are: in floating point {@code 1 - 14/15} and {@code 1/15} differ,
 * and SciPy,
 * which compares the rounded doubles, can then report the other sign or location (for {@code a = [0]},
 * {@code b = [-1, 0 (13 times), 1]} SciPy says sign -1 at -1; this kata says +1 at 0). The grader
 * checks exact ties.
 *
 * <p><b>Ties.</b> A value may occur several times, in one sample or in both. {@code F} counts every copy
 * of {@code v} at once, so a value shared by both samples moves both step functions before the gap is
 * measured. Values compare numerically: {@code -0.0} and {@code 0.0} are the same value.
 *
 * <p><b>Non-finite values.</b> A NaN in either sample is rejected with
 * {@link IllegalArgumentException}. Infinities are ordinary values (below or above every finite value)
 * and may be the {@code location}. {@code kolmogorovSurvival} rejects NaN and negative {@code x} and
 * returns 0 for {@code +Infinity}.
 *
 * <p><b>Complexity.</b> Expected O((n + m) log(n + m)) time and O(n + m) extra memory. The grader
 * compares samples of hundreds of thousands of values and fails an O(n * m) answer. Do not modify the
 * input arrays.
 *
 * <p>Example: {@code a = [1, 2, 2, 5]}, {@code b = [2, 3, 4]}. At the pooled values 1, 2, 3, 4, 5,
 * {@code F_a = 1/4, 3/4, 3/4, 3/4, 1} and {@code F_b = 0, 1/3, 2/3, 1, 1}; the differences
 * {@code F_a - F_b} are {@code 1/4, 5/12, 1/12, -1/4, 0}, so {@code D = 5/12}, sign +1, location 2, and
 * {@code pValue = Q(sqrt(12/7) * 5/12) = Q(0.5455...) = 0.9272...}.
 */
public final class KsTwoSample {
  private KsTwoSample() {}

  /**
   * The result of the two-sample test.
   *
   * @param statistic {@code D = max |F_a - F_b|}, in [0, 1]
   * @param location the smallest pooled value at which {@code F_a - F_b = sign * D}
   * @param sign +1 when {@code F_a - F_b} reaches {@code +D} (also on a tie), -1 otherwise
   * @param pValue the asymptotic two-sided p-value {@code Q(sqrt(n m / (n + m)) D)}, in [0, 1]
   */
  public record Result(double statistic, double location, int sign, double pValue) {}

  /**
   * Runs the two-sided two-sample Kolmogorov-Smirnov test.
   *
   * @param a the first sample (for example the baseline), any order, ties allowed
   * @param b the second sample, any order, ties allowed
   * @return the statistic, where it is reached, its sign and the asymptotic p-value
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException with a message naming {@code a} or {@code b}: when that sample is
   *     empty or holds a NaN
   */
  public static Result test(double[] a, double[] b) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement KsTwoSample.test");
  }

  /**
   * The survival function of the Kolmogorov distribution (the limit of {@code sqrt(n) D} for one
   * sample of size {@code n}): {@code Q(x) = 2 * sum over k >= 1 of (-1)^(k-1) exp(-2 k^2 x^2)}, with
   * {@code Q(0) = 1}. The series converges fast for {@code x} above about 0.2; for small {@code x} the
   * terms shrink slowly (sum enough of them) and {@code Q(x)} is 1 to double precision below
   * {@code x = 0.18}. Accuracy expected: within {@code 1e-12} absolute.
   *
   * @param x the point, {@code >= 0}
   * @return {@code P(K > x)}, in [0, 1], decreasing in {@code x}; 0 for {@code +Infinity}
   * @throws IllegalArgumentException with a message naming {@code x}: when it is NaN or negative
   */
  public static double kolmogorovSurvival(double x) {
    throw new UnsupportedOperationException(
        "Not implemented yet: delete this line and implement KsTwoSample.kolmogorovSurvival");
  }
}
