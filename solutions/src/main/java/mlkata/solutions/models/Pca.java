package mlkata.solutions.models;

import java.util.Objects;

/**
 * Reference solution: PCA by power iteration with deflation, matching scikit-learn 1.2's
 * {@code PCA(svd_solver="full")} (covariance with n - 1, the sign rule of its {@code svd_flip}).
 */
public final class Pca {
  private Pca() {}

  /** Power iteration stops when no entry of the unit iterate moves by more than this. */
  private static final double STOP_CHANGE = 1e-12;
  /** Power iteration stops after this many multiplications even if it has not settled. */
  private static final int MAX_ITERATIONS = 10_000;
  /** A component whose variance is at most this fraction of the total variance is rejected. */
  private static final double MIN_VARIANCE_FRACTION = 1e-12;

  /** An eigenvalue and a unit eigenvector. */
  public record Eigenpair(double value, double[] vector) {}

  /** A fitted PCA: the training mean, k unit components (rows), their variances and variance ratios. */
  public record Fit(double[] mean, double[][] components, double[] explainedVariance,
      double[] explainedVarianceRatio) {}

  public static double[][] covariance(double[][] x) {
    int d = validateData(x, "x");
    if (x.length < 2) {
      throw new IllegalArgumentException("x has " + x.length + " rows; the covariance (divided by n - 1) needs at least 2");
    }
    return covarianceOf(centred(x, columnMeans(x, d)), d);
  }

  public static Eigenpair dominantEigenpair(double[][] matrix) {
    Objects.requireNonNull(matrix, "matrix");
    int d = matrix.length;
    if (d == 0) {
      throw new IllegalArgumentException("matrix is empty");
    }
    for (int i = 0; i < d; i++) {
      Objects.requireNonNull(matrix[i], "matrix[" + i + "]");
      if (matrix[i].length != d) {
        throw new IllegalArgumentException("matrix is not square: row " + i + " has " + matrix[i].length + " entries, expected " + d);
      }
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(matrix[i][j])) {
          throw new IllegalArgumentException("matrix[" + i + "][" + j + "] is " + matrix[i][j] + "; matrix must be finite");
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < i; j++) {
        if (matrix[i][j] != matrix[j][i]) {
          throw new IllegalArgumentException("matrix is not symmetric at [" + i + "][" + j + "]");
        }
      }
    }
    return power(matrix);
  }

  public static Fit fit(double[][] x, int k) {
    int d = validateData(x, "x");
    int n = x.length;
    if (n < 2) {
      throw new IllegalArgumentException("x has " + n + " rows; PCA (variance divided by n - 1) needs at least 2");
    }
    if (k < 1 || k > Math.min(n, d)) {
      throw new IllegalArgumentException("k is " + k + "; it must be in [1, min(n, d)] = [1, " + Math.min(n, d) + "]");
    }
    double[] mean = columnMeans(x, d);
    double[][] c = centred(x, mean);
    double[][] a = covarianceOf(c, d);
    double total = 0;
    for (int j = 0; j < d; j++) {
      total += a[j][j];
    }
    double[][] components = new double[k][];
    double[] variance = new double[k];
    double[] ratio = new double[k];
    for (int m = 0; m < k; m++) {
      Eigenpair e = power(a);
      if (!(e.value() > MIN_VARIANCE_FRACTION * total)) {
        throw new IllegalArgumentException("k is " + k + " but component " + (m + 1)
            + " has no variance left (the centred data has rank " + m + ")");
      }
      double[] v = e.vector();
      flipSign(c, v);
      components[m] = v;
      variance[m] = e.value();
      ratio[m] = e.value() / total;
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          a[i][j] -= e.value() * v[i] * v[j];
        }
      }
    }
    return new Fit(mean, components, variance, ratio);
  }

  public static double[][] transform(Fit fit, double[][] x) {
    Objects.requireNonNull(fit, "fit");
    Objects.requireNonNull(fit.mean(), "fit.mean");
    Objects.requireNonNull(fit.components(), "fit.components");
    int d = fit.mean().length;
    for (double[] component : fit.components()) {
      Objects.requireNonNull(component, "fit.components");
      if (component.length != d) {
        throw new IllegalArgumentException("fit has a component of length " + component.length + " for a mean of length " + d);
      }
    }
    Objects.requireNonNull(x, "x");
    for (int i = 0; i < x.length; i++) {
      Objects.requireNonNull(x[i], "x[" + i + "]");
      if (x[i].length != d) {
        throw new IllegalArgumentException("x row " + i + " has " + x[i].length + " features, the fit has " + d);
      }
      requireFinite(x[i], "x");
    }
    int k = fit.components().length;
    double[][] out = new double[x.length][k];
    for (int i = 0; i < x.length; i++) {
      for (int m = 0; m < k; m++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += (x[i][j] - fit.mean()[j]) * fit.components()[m][j];
        }
        out[i][m] = s;
      }
    }
    return out;
  }

  /** Power iteration from the normalised (1, 2, ..., d), with the documented stop rule. */
  private static Eigenpair power(double[][] a) {
    int d = a.length;
    double[] u = new double[d];
    for (int j = 0; j < d; j++) {
      u[j] = j + 1;
    }
    normalise(u);
    double[] next = new double[d];
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      multiply(a, u, next);
      if (normalise(next) == 0) {
        return new Eigenpair(0, u); // u lies in the null space: nothing left to find
      }
      double change = 0;
      for (int j = 0; j < d; j++) {
        change = Math.max(change, Math.abs(next[j] - u[j]));
      }
      double[] t = u;
      u = next;
      next = t;
      if (change <= STOP_CHANGE) {
        break;
      }
    }
    multiply(a, u, next);
    double value = 0;
    for (int j = 0; j < d; j++) {
      value += u[j] * next[j];
    }
    return new Eigenpair(value, u);
  }

  /** scikit-learn 1.2's svd_flip: the sample with the largest |projection| (first on ties) projects positively. */
  private static void flipSign(double[][] centred, double[] v) {
    double best = -1;
    double sign = 1;
    for (double[] row : centred) {
      double p = 0;
      for (int j = 0; j < v.length; j++) {
        p += row[j] * v[j];
      }
      if (Math.abs(p) > best) {
        best = Math.abs(p);
        sign = p < 0 ? -1 : 1;
      }
    }
    for (int j = 0; j < v.length; j++) {
      v[j] *= sign;
    }
  }

  private static void multiply(double[][] a, double[] u, double[] out) {
    for (int i = 0; i < a.length; i++) {
      double s = 0;
      for (int j = 0; j < u.length; j++) {
        s += a[i][j] * u[j];
      }
      out[i] = s;
    }
  }

  /** Scales v to unit length in place and returns its former norm (0 leaves it untouched). */
  private static double normalise(double[] v) {
    double norm = 0;
    for (double value : v) {
      norm += value * value;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int j = 0; j < v.length; j++) {
        v[j] /= norm;
      }
    }
    return norm;
  }

  private static double[] columnMeans(double[][] x, int d) {
    double[] mean = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= x.length;
    }
    return mean;
  }

  private static double[][] centred(double[][] x, double[] mean) {
    double[][] c = new double[x.length][mean.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < mean.length; j++) {
        c[i][j] = x[i][j] - mean[j];
      }
    }
    return c;
  }

  private static double[][] covarianceOf(double[][] c, int d) {
    double[][] a = new double[d][d];
    for (double[] row : c) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j <= i; j++) {
          a[i][j] += row[i] * row[j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        a[i][j] /= c.length - 1;
        a[j][i] = a[i][j];
      }
    }
    return a;
  }

  /** Non-empty, rectangular, at least one column, finite; returns the number of columns. */
  private static int validateData(double[][] x, String name) {
    Objects.requireNonNull(x, name);
    if (x.length == 0) {
      throw new IllegalArgumentException(name + " is empty");
    }
    Objects.requireNonNull(x[0], name + "[0]");
    int d = x[0].length;
    if (d == 0) {
      throw new IllegalArgumentException(name + " rows have no features");
    }
    for (int i = 0; i < x.length; i++) {
      Objects.requireNonNull(x[i], name + "[" + i + "]");
      if (x[i].length != d) {
        throw new IllegalArgumentException(name + " is ragged: row " + i + " has " + x[i].length + " entries, row 0 has " + d);
      }
      requireFinite(x[i], name);
    }
    return d;
  }

  private static void requireFinite(double[] values, String name) {
    for (int j = 0; j < values.length; j++) {
      if (!Double.isFinite(values[j])) {
        throw new IllegalArgumentException(name + " holds a non-finite value " + values[j] + " at column " + j);
      }
    }
  }
}
