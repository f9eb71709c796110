package mlkata.grader.models;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import org.quicktheories.core.Gen;

/**
 * Generators for {@code models/pca}, and the grader's own eigen-solver (cyclic Jacobi rotations), an
 * oracle independent of power iteration.
 *
 * <p>{@link #separated()} draws Gaussian clouds with axis scales falling by 0.45, turned by a random
 * rotation and shifted, and keeps only data whose covariance eigenvalues, among the first k + 1, fall
 * by a factor of at least {@link #MAX_RATIO} from one to the next (re-drawing from the next seed
 * otherwise), so power iteration's stop rule leaves the components within about 1e-11 of the
 * eigenvectors. Sizes (d, n, k) shrink towards one feature, few samples and k = 1.
 */
final class PcaGens {
  private PcaGens() {}

  /** The largest allowed ratio of consecutive eigenvalues among the first k + 1. */
  static final double MAX_RATIO = 0.8;

  /** Data and a number of components. */
  record Data(double[][] x, int k) {
    @Override
    public String toString() {
      return "x=" + Arrays.deepToString(x) + ", k=" + k;
    }
  }

  /** Eigenvalues in decreasing order and the matching unit eigenvectors (rows). */
  record Eigen(double[] values, double[][] vectors) {}

  static Gen<Data> separated() {
    return integers().between(1, 5).zip(integers().between(0, 25), integers().between(0, 4), longs().all(),
        (d, extra, kIndex, seed) -> draw(d, d + 2 + extra, Math.min(kIndex, d - 1) + 1, seed));
  }

  private static Data draw(int d, int n, int k, long seed) {
    for (long s = seed; ; s++) {
      Random random = new Random(s);
      double[][] rotation = rotation(random, d);
      double[] shift = new double[d];
      for (int j = 0; j < d; j++) {
        shift[j] = Math.round(random.nextGaussian() * 5e3) / 1e3;
      }
      double[][] x = new double[n][d];
      for (int i = 0; i < n; i++) {
        double[] z = new double[d];
        for (int j = 0; j < d; j++) {
          z[j] = random.nextGaussian() * 3 * Math.pow(0.45, j);
        }
        for (int j = 0; j < d; j++) {
          double v = shift[j];
          for (int m = 0; m < d; m++) {
            v += rotation[j][m] * z[m];
          }
          x[i][j] = Math.round(v * 1e6) / 1e6;
        }
      }
      double[] values = jacobi(covariance(x)).values();
      boolean ok = true;
      for (int m = 0; m + 1 < Math.min(k + 1, d); m++) {
        ok &= values[m + 1] <= MAX_RATIO * values[m];
      }
      ok &= values[k - 1] > 1e-6 * Arrays.stream(values).sum();
      if (ok) {
        return new Data(x, k);
      }
    }
  }

  /** A random orthogonal matrix: Gram-Schmidt on Gaussian columns. */
  private static double[][] rotation(Random random, int d) {
    double[][] q = new double[d][d];
    for (int c = 0; c < d; c++) {
      double[] v = new double[d];
      for (int j = 0; j < d; j++) {
        v[j] = random.nextGaussian();
      }
      for (int p = 0; p < c; p++) {
        double dot = 0;
        for (int j = 0; j < d; j++) {
          dot += v[j] * q[j][p];
        }
        for (int j = 0; j < d; j++) {
          v[j] -= dot * q[j][p];
        }
      }
      double norm = Math.sqrt(Arrays.stream(v).map(a -> a * a).sum());
      for (int j = 0; j < d; j++) {
        q[j][c] = v[j] / norm;
      }
    }
    return q;
  }

  /** The grader's covariance: centred, divided by n - 1. */
  static double[][] covariance(double[][] x) {
    int n = x.length;
    int d = x[0].length;
    double[] mean = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / n;
      }
    }
    double[][] c = new double[d][d];
    for (double[] row : x) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          c[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]) / (n - 1);
        }
      }
    }
    return c;
  }

  /** Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations. */
  static Eigen jacobi(double[][] matrix) {
    int d = matrix.length;
    double[][] a = new double[d][];
    double[][] v = new double[d][d];
    for (int i = 0; i < d; i++) {
      a[i] = matrix[i].clone();
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      for (int p = 0; p < d; p++) {
        for (int q = p + 1; q < d; q++) {
          off += a[p][q] * a[p][q];
        }
      }
      if (off < 1e-30) {
        break;
      }
      for (int p = 0; p < d; p++) {
        for (int q = p + 1; q < d; q++) {
          if (a[p][q] == 0) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < d; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
          }
          for (int k = 0; k < d; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
          }
          for (int k = 0; k < d; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
          }
        }
      }
    }
    Integer[] order = new Integer[d];
    for (int i = 0; i < d; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (i, j) -> Double.compare(a[j][j], a[i][i]));
    double[] values = new double[d];
    double[][] vectors = new double[d][d];
    for (int m = 0; m < d; m++) {
      values[m] = a[order[m]][order[m]];
      for (int j = 0; j < d; j++) {
        vectors[m][j] = v[j][order[m]];
      }
    }
    return new Eigen(values, vectors);
  }
}
