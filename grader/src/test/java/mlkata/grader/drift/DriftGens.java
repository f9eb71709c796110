package mlkata.grader.drift;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import mlkata.grader.support.Gens;
import org.quicktheories.core.Gen;

/**
 * Generators for the drift katas: two samples with many ties within and across the samples, binned
 * samples whose values often sit exactly on a cut point, and weight vectors with zeros.
 */
final class DriftGens {
  private DriftGens() {}

  /** Two samples with a readable {@code toString}. */
  record Samples(double[] a, double[] b) {
    @Override
    public String toString() {
      return "a=" + Arrays.toString(a) + ", b=" + Arrays.toString(b);
    }
  }

  /**
   * Two samples of {@code 1..maxSize} values each, drawn from {@link Gens#tiedScore()}: mostly a grid
   * of 9 values, so a value often occurs several times and in both samples.
   */
  static Gen<Samples> samples(int maxSize) {
    Gen<List<Double>> sample = lists().of(Gens.tiedScore()).ofSizeBetween(1, maxSize);
    return sample.zip(sample, (a, b) -> new Samples(toArray(a), toArray(b)));
  }

  /** Two large fixed samples on a grid of 10^4 values, the second shifted a little, from a seed. */
  static Samples largeSamples(int n, int m, long seed) {
    Random random = new Random(seed);
    double[] a = new double[n];
    double[] b = new double[m];
    for (int k = 0; k < n; k++) {
      a[k] = Math.round(random.nextGaussian() * 1e3) / 1e3;
    }
    for (int k = 0; k < m; k++) {
      b[k] = Math.round((random.nextGaussian() + 0.01) * 1e3) / 1e3;
    }
    return new Samples(a, b);
  }

  static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Two samples and the cut points that bin them. */
  record Binned(double[] expected, double[] actual, double[] cuts) {
    @Override
    public String toString() {
      return "expected=" + Arrays.toString(expected) + ", actual=" + Arrays.toString(actual) + ", cuts="
          + Arrays.toString(cuts);
    }
  }

  /** Two weight vectors of the same length. */
  record Weights(double[] p, double[] q) {
    @Override
    public String toString() {
      return "p=" + Arrays.toString(p) + ", q=" + Arrays.toString(q);
    }
  }

  /** Three weight vectors of the same length, for the triangle inequality. */
  record Triple(double[] p, double[] q, double[] r) {
    @Override
    public String toString() {
      return "p=" + Arrays.toString(p) + ", q=" + Arrays.toString(q) + ", r=" + Arrays.toString(r);
    }
  }

  /**
   * Samples of {@code 1..maxSize} values from {@link Gens#tiedScore()} and {@code 0..6} distinct cut
   * points from the same grid of multiples of 0.25 in [-1, 1], so values often equal a cut.
   */
  static Gen<Binned> binned(int maxSize) {
    Gen<List<Double>> sample = lists().of(Gens.tiedScore()).ofSizeBetween(1, maxSize);
    Gen<double[]> cuts = lists().of(integers().between(-4, 4)).ofSizeBetween(0, 6)
        .map(list -> list.stream().distinct().sorted().mapToDouble(i -> i * 0.25).toArray());
    return sample.zip(sample, cuts, (e, a, c) -> new Binned(toArray(e), toArray(a), c));
  }

  /** A weight: often 0, else a small grid value or a continuous value in [0, 10]. */
  static Gen<Double> weight() {
    Gen<Double> grid = integers().between(0, 4).map(i -> i * 0.5);
    return integers().between(1, 1_000_000).map(i -> i / 100_000.0).mix(grid, 60);
  }

  /** Two weight vectors of length {@code 1..maxLength}, each with a positive sum. */
  static Gen<Weights> weights(int maxLength) {
    return integers().between(1, maxLength).flatMap(n -> {
      Gen<double[]> vector = lists().of(weight()).ofSize(n).map(DriftGens::positiveSum);
      return vector.zip(vector, Weights::new);
    });
  }

  /** Three weight vectors of length {@code 1..maxLength}, each with a positive sum. */
  static Gen<Triple> triples(int maxLength) {
    return integers().between(1, maxLength).flatMap(n -> {
      Gen<double[]> vector = lists().of(weight()).ofSize(n).map(DriftGens::positiveSum);
      return vector.zip(vector, vector, Triple::new);
    });
  }

  /** A large fixed sample of {@code n} values and {@code bins - 1} cut points, from a seed. */
  static Binned largeBinned(int n, int bins, long seed) {
    Random random = new Random(seed);
    double[] expected = new double[n];
    double[] actual = new double[n];
    for (int k = 0; k < n; k++) {
      expected[k] = random.nextGaussian();
      actual[k] = random.nextGaussian() * 1.1 + 0.05;
    }
    double[] cuts = new double[bins - 1];
    for (int k = 0; k < cuts.length; k++) {
      cuts[k] = -4 + 8.0 * (k + 1) / bins;
    }
    return new Binned(expected, actual, cuts);
  }

  /** The weights as an array; all zeros become a single 1 in front so the sum is positive. */
  private static double[] positiveSum(List<Double> values) {
    double[] w = toArray(values);
    if (Arrays.stream(w).sum() == 0) {
      w[0] = 1;
    }
    return w;
  }

  /** A contingency table of counts with a readable {@code toString}. */
  record Table(long[][] counts) {
    int rows() {
      return counts.length;
    }

    int cols() {
      return counts[0].length;
    }

    @Override
    public String toString() {
      return Arrays.deepToString(counts);
    }
  }

  /**
   * Tables of {@code minRows..maxRows} by {@code minCols..maxCols} counts in {@code 0..maxCount}, many of
   * them 0. A row or column of zeros gets a 1 (on the diagonal), so every margin is positive.
   */
  static Gen<Table> tables(int minRows, int maxRows, int minCols, int maxCols, int maxCount) {
    Gen<Long> count = integers().between(0, maxCount).map(Integer::longValue)
        .mix(integers().between(0, 0).map(Integer::longValue), 25);
    return integers().between(minRows, maxRows).zip(integers().between(minCols, maxCols), (r, c) -> new int[] {r, c})
        .flatMap(shape -> lists().of(count).ofSize(shape[0] * shape[1]).map(list -> {
          int r = shape[0];
          int c = shape[1];
          long[][] t = new long[r][c];
          for (int k = 0; k < r * c; k++) {
            t[k / c][k % c] = list.get(k);
          }
          for (int i = 0; i < r; i++) {
            if (Arrays.stream(t[i]).sum() == 0) {
              t[i][i % c] = 1;
            }
          }
          for (int j = 0; j < c; j++) {
            long sum = 0;
            for (int i = 0; i < r; i++) {
              sum += t[i][j];
            }
            if (sum == 0) {
              t[j % r][j] = 1;
            }
          }
          return new Table(t);
        }));
  }

}
