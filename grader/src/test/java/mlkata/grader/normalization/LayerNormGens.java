package mlkata.grader.normalization;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import org.quicktheories.core.Gen;

/**
 * Generators for {@link LayerNormSpec}. QuickTheories draws the shape (so a failure shrinks toward fewer
 * rows and features) and a seed from which the values are filled in; the records print every value.
 */
final class LayerNormGens {
  private LayerNormGens() {}

  /** One forward-and-backward input: the batch, the affine parameters, eps and an upstream gradient. */
  record Batch(double[][] x, double[] gamma, double[] beta, double eps, double[][] dy) {
    int rows() {
      return x.length;
    }

    int cols() {
      return gamma.length;
    }

    /** A short name for assertion descriptions; {@code Props} prints the full input on failure. */
    String shape() {
      return "the " + rows() + " x " + cols() + " batch with eps " + eps + " (printed above)";
    }

    @Override
    public String toString() {
      return "x=" + Arrays.deepToString(x) + ", gamma=" + Arrays.toString(gamma) + ", beta="
          + Arrays.toString(beta) + ", eps=" + eps + ", dy=" + Arrays.deepToString(dy);
    }
  }

  /**
   * Batches of {@code 1..maxRows} rows by {@code 1..maxCols} features whose rows come in several kinds:
   * spread-out values on different scales, a grid with ties, a large offset with a tiny spread, and
   * constant rows. {@code eps} is PyTorch's default half the time, otherwise between 1e-8 and 1.
   */
  static Gen<Batch> batches(int maxRows, int maxCols) {
    return integers().between(1, maxRows).zip(integers().between(1, maxCols), longs().all(),
        (n, d, seed) -> mixed(n, d, new Random(seed)));
  }

  /**
   * Batches whose rows each spread over at least a few units (at least 2 features) and have a
   * moderate {@code eps}, so that the loss is smooth enough for central differences to be accurate.
   * Rows of one feature are allowed too: there the output is constant and every gradient is zero.
   */
  static Gen<Batch> smoothBatches(int maxRows, int maxCols) {
    return integers().between(1, maxRows).zip(integers().between(1, maxCols), longs().all(),
        (n, d, seed) -> smooth(n, d, new Random(seed)));
  }

  private static Batch mixed(int n, int d, Random r) {
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(5);
      double scale = new double[] {1e-2, 1, 30}[r.nextInt(3)];
      double offset = kind == 3 ? (r.nextBoolean() ? 1 : -1) * (1e3 + r.nextDouble() * 9e3) : r.nextGaussian() * 3;
      double level = Math.round(r.nextGaussian() * 4) / 2.0;
      for (int j = 0; j < d; j++) {
        switch (kind) {
          case 0:
          case 1:
            x[i][j] = offset + r.nextGaussian() * scale;
            break;
          case 2:
            x[i][j] = r.nextInt(5) - 2; // ties
            break;
          case 3:
            x[i][j] = offset + r.nextGaussian() * 1e-2; // large mean, small spread
            break;
          default:
            x[i][j] = level; // constant row
        }
      }
    }
    double[] gamma = new double[d];
    double[] beta = new double[d];
    boolean identity = r.nextInt(4) == 0;
    for (int j = 0; j < d; j++) {
      gamma[j] = identity ? 1 : r.nextGaussian() * 1.5;
      beta[j] = identity ? 0 : r.nextGaussian();
    }
    double eps = r.nextBoolean() ? 1e-5 : Math.pow(10, -8 + 8 * r.nextDouble());
    return new Batch(x, gamma, beta, eps, gaussian(n, d, r));
  }

  private static Batch smooth(int n, int d, Random r) {
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      int shift = r.nextInt(d);
      double center = r.nextGaussian() * 3;
      for (int j = 0; j < d; j++) {
        // A shuffled ramp with steps of 1.5 and jitter below 0.5: neighbours stay at least 0.5 apart.
        x[i][j] = center + 1.5 * ((j + shift) % d) + (r.nextDouble() - 0.5);
      }
    }
    double[] gamma = new double[d];
    double[] beta = new double[d];
    for (int j = 0; j < d; j++) {
      gamma[j] = r.nextGaussian() * 1.5;
      beta[j] = r.nextGaussian();
    }
    double eps = new double[] {1e-5, 1e-3, 0.1, 1}[r.nextInt(4)];
    return new Batch(x, gamma, beta, eps, gaussian(n, d, r));
  }

  private static double[][] gaussian(int n, int d, Random r) {
    double[][] m = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        m[i][j] = r.nextGaussian();
      }
    }
    return m;
  }
}
